import type { DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";

/**
 * The SDK configuration for DynamoDB: AWS's own when `endpoint` is unset, otherwise a local
 * DynamoDB with one fixed credential pair (DynamoDB Local keeps a database per key and region).
 */
export function dynamoDbClientConfig(endpoint: string | undefined): DynamoDBClientConfig {
  if (!endpoint) return {};
  return {
    endpoint,
    region: process.env.AWS_REGION || "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  };
}
