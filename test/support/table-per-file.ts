import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { inject } from "vitest";
import { ensureTable } from "../../infra/local/ensure-table";

// Runs before each test file is imported, so the handlers' modules see this file's own table.
const endpoint = inject("dynamodbEndpoint");
process.env.DYNAMODB_ENDPOINT = endpoint;
process.env.AWS_REGION = "local";
process.env.TABLE_NAME = `test-${randomUUID()}`;

await ensureTable(
  new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  }),
  process.env.TABLE_NAME,
);
