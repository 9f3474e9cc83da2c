import type { DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";

/**
 * The SDK configuration for DynamoDB, with request timeouts: AWS's own when `endpoint` is unset,
 * else a local DynamoDB with one fixed credential pair (it keeps a database per key and region).
 */
export function dynamoDbClientConfig(endpoint: string | undefined): DynamoDBClientConfig {
  // DynamoDB answers in milliseconds: a request hanging for 1.5 s is a failure to retry, and
  // the SDK's four tries must still end (in a 503) inside the functions' 10 s timeout.
  // DynamoDB Local runs transactions one at a time and may take seconds on a busy machine.
  const requestTimeout =
    Number(process.env.DYNAMODB_REQUEST_TIMEOUT_MS) || (endpoint ? 10_000 : 1_500);
  const requestHandler = { connectionTimeout: 1000, requestTimeout, throwOnRequestTimeout: true };
  if (!endpoint) return { requestHandler };
  return {
    requestHandler,
    endpoint,
    region: process.env.AWS_REGION || "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  };
}
