import { randomUUID } from "node:crypto";
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, inject } from "vitest";
import { dynamoDbClientConfig } from "#platform/db/client-config";
import { ensureTable } from "../../infra/local/ensure-table";

// Runs before each test file is imported, so the handlers' modules see this file's own table.
const endpoint = inject("dynamodbEndpoint");
process.env.DYNAMODB_ENDPOINT = endpoint;
process.env.AWS_REGION = "local";
process.env.TABLE_NAME = `test-${randomUUID()}`;
const tableName = process.env.TABLE_NAME;

await ensureTable(endpoint, tableName);

// The table goes with its file (after the file's own hooks: vitest runs after-hooks as a stack).
// One DynamoDB Local serves the whole run in memory, and every table left behind is more for it
// to hold and for its TTL sweeps to walk: a late file would pay for every earlier one.
afterAll(async () => {
  const client = new DynamoDBClient(dynamoDbClientConfig(endpoint));
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  client.destroy();
}, 60_000);
