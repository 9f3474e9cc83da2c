import { Tracer } from "@aws-lambda-powertools/tracer";
import { SERVICE_NAME } from "#platform/observability/service-names";

/** Has X-Ray record a subsegment for each DynamoDB call the client makes (tracing on only). */
export function traceDynamoDb<Client>(client: Client): Client {
  return new Tracer({ serviceName: SERVICE_NAME }).captureAWSv3Client(client);
}
