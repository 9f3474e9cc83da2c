import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { ensureTable } from "../../infra/local/ensure-table";

// Runs before each test file is imported, so the handlers' modules see this file's own table.
const endpoint = inject("dynamodbEndpoint");
process.env.DYNAMODB_ENDPOINT = endpoint;
process.env.AWS_REGION = "local";
process.env.TABLE_NAME = `test-${randomUUID()}`;

await ensureTable(endpoint, process.env.TABLE_NAME);
