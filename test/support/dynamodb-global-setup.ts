import type { TestProject } from "vitest/node";
import { type DynamoDbLocal, startDynamoDbLocal } from "../../infra/local/dynamodb-local";

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/**
 * One DynamoDB Local for the whole run, a database per region in it (each test file has a region
 * of its own: test/support/table-per-file.ts), shared by every project that talks to it (integration,
 * system, races): vitest runs each project's global setup in its own module graph but in one
 * process, so the instance and its count of users live on globalThis. The last teardown stops it.
 */
const shared = globalThis as typeof globalThis & {
  tombolaDynamoDb?: { started: Promise<DynamoDbLocal>; users: number };
};

/** Starts DynamoDB Local once per run (unless DYNAMODB_ENDPOINT names one) and stops it after. */
export default async function setup(project: TestProject) {
  const external = process.env.DYNAMODB_ENDPOINT;
  if (external) {
    project.provide("dynamodbEndpoint", external);
    return;
  }
  shared.tombolaDynamoDb ??= {
    started: startDynamoDbLocal({ databasePerRegion: true }),
    users: 0,
  };
  const instance = shared.tombolaDynamoDb;
  instance.users += 1;
  const dynamoDb = await instance.started;
  project.provide("dynamodbEndpoint", dynamoDb.endpoint);
  return async () => {
    instance.users -= 1;
    if (instance.users > 0) return;
    shared.tombolaDynamoDb = undefined;
    await dynamoDb.stop();
  };
}
