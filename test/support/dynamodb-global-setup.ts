import type { TestProject } from "vitest/node";
import { startDynamoDbLocal } from "../../infra/local/dynamodb-local";

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/** Starts one DynamoDB Local for the run (unless DYNAMODB_ENDPOINT names one) and stops it after. */
export default async function setup(project: TestProject) {
  const external = process.env.DYNAMODB_ENDPOINT;
  if (external) {
    project.provide("dynamodbEndpoint", external);
    return;
  }
  const dynamoDb = await startDynamoDbLocal();
  project.provide("dynamodbEndpoint", dynamoDb.endpoint);
  return () => dynamoDb.stop();
}
