// `npm start`: the whole API on this machine, on DynamoDB Local, with no AWS account.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseCidrList } from "#platform/http/cidr";
import { type DynamoDbLocal, startDynamoDbLocal } from "./dynamodb-local";
import { ensureTable } from "./ensure-table";
import type { StreamRunner } from "./stream-runner";

const { values: flags } = parseArgs({ options: { "in-memory": { type: "boolean" } } });
const env = process.env;
const host = env.HOST ?? "127.0.0.1";
const port = Number(env.PORT ?? 3000);
const dataDir = flags["in-memory"] ? undefined : resolve(env.DATA_DIR ?? ".data");
env.TABLE_NAME ??= "tombola";
env.MANAGER_CIDRS ??= "127.0.0.1/32,::1/128";
// Offline by default: draws are signed by a beacon key of this installation (BEACON=drand to use
// drand's relays instead).
env.BEACON ||= "local";
env.AWS_REGION ??= "local";
env.SMS_PROVIDER ||= "log";
// The log SMS provider writes DATA_DIR/sms.jsonl; in memory it only logs.
if (dataDir) env.DATA_DIR = dataDir;
else delete env.DATA_DIR;

let dynamoDb: DynamoDbLocal | undefined;
let streams: StreamRunner | undefined;
let stopping = false;

async function shutDown(code: number) {
  if (stopping) return;
  stopping = true;
  // The stream functions finish the batch in hand first: no half-recorded work is left behind.
  await streams?.stop();
  await dynamoDb?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutDown(0));
process.on("SIGTERM", () => void shutDown(0));
// `npm start` runs us under a shell; if that shell is killed without passing the signal on,
// we are re-parented: take that as the signal to stop too.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutDown(0);
}, 500).unref();

try {
  // The functions would refuse a malformed list at init; refuse it here, before anything starts.
  parseCidrList(env.MANAGER_CIDRS);
  if (!env.DYNAMODB_ENDPOINT) {
    if (dataDir) mkdirSync(resolve(dataDir, "dynamodb"), { recursive: true });
    dynamoDb = await startDynamoDbLocal(dataDir ? { dataDir: resolve(dataDir, "dynamodb") } : {});
    env.DYNAMODB_ENDPOINT = dynamoDb.endpoint;
  }
  // Imported only once DYNAMODB_ENDPOINT is set: the domains' stores (behind the app's door)
  // build the DynamoDB client as they load, and one built without it goes to AWS.
  const { beaconKind, configuredBeacon } = await import("#app/local-runtime");
  const { localBeaconKey, localHashKey } = await import("./local-secrets");
  const beacon = beaconKind();
  env.HASH_KEY ||= localHashKey(dataDir);
  if (beacon === "local") env.BEACON_KEY ||= localBeaconKey(dataDir);
  await ensureTable(env.DYNAMODB_ENDPOINT, env.TABLE_NAME);
  // Imported only now: the handlers read their configuration from the environment set above.
  const { createGateway } = await import("./gateway");
  const server = createGateway();
  await new Promise<void>((ready, fail) => {
    server.once("error", fail);
    server.listen(port, host, ready);
  });
  const shown = host.includes(":") ? `[${host}]` : host;
  console.log(
    `Tombola is listening on http://${shown}:${port} (table ${env.TABLE_NAME}, ${
      dataDir ? `data in ${dataDir}` : "in memory"
    }, DynamoDB at ${env.DYNAMODB_ENDPOINT})`,
  );
  const { info } = configuredBeacon();
  console.log(`Draw beacon: ${info.network}, public key ${info.publicKey}`);
  const { startLocalStreams } = await import("./local-streams");
  streams = await startLocalStreams(env.DYNAMODB_ENDPOINT, env.TABLE_NAME);
  console.log(
    `Stream functions running; SMS ${
      env.SMS_PROVIDER === "log"
        ? `are logged${dataDir ? ` to ${resolve(dataDir, "sms.jsonl")}` : ""}`
        : `go to AWS End User Messaging SMS${env.SMS_ENDPOINT ? ` at ${env.SMS_ENDPOINT}` : ""}`
    }`,
  );
} catch (error) {
  console.error("Tombola failed to start:", (error as Error).message);
  await shutDown(1);
}
