import { randomUUID } from "node:crypto";
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, inject } from "vitest";
import { dynamoDbClientConfig } from "#platform/db/client-config";
import { ensureTable } from "../../infra/local/ensure-table";

// Runs before each test file is imported, so the handlers' modules see this file's own table.
const endpoint = inject("dynamodbEndpoint");
const id = randomUUID();
process.env.DYNAMODB_ENDPOINT = endpoint;
// A region of its own, so a database of its own in DynamoDB Local (it keeps one per region when
// not shared): in one database for the whole run, every write's stream bookkeeping grew with
// all the streams written before it (a 10 s race took 110 s after the ledger and coupon files,
// tables deleted or not), and every file's requests queued behind every other file's.
process.env.AWS_REGION = `local-${id.slice(0, 8)}`;
process.env.TABLE_NAME = `test-${id}`;
const tableName = process.env.TABLE_NAME;

await ensureTable(endpoint, tableName);

// The table goes with its file (after the file's own hooks: vitest runs after-hooks as a stack):
// one DynamoDB Local holds the whole run in memory. A stream function the file started stops first.
afterAll(async () => {
  // Imported here, not above: the handlers' modules must load after the environment is set.
  const { stopCouponListings } = await import("./coupon-listings-runner");
  await stopCouponListings();
  const client = new DynamoDBClient(dynamoDbClientConfig(endpoint));
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  client.destroy();
}, 60_000);
