// `npm start`: the whole API on this machine, on DynamoDB Local, with no AWS account.
import { mkdirSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
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
// The raffle brief's address-only rule locally; a deployed stack defaults to required keys.
env.MANAGER_KEYS ||= "off";
// Offline by default: draws are signed by a beacon key of this installation (BEACON=drand to use
// drand's relays instead).
env.BEACON ||= "local";
env.AWS_REGION ??= "local";
env.SMS_PROVIDER ||= "log";
// Local receivers (`npm run webhook-listen`) are on this machine: only here may webhooks go to
// private, loopback or plain-http targets. A deployed stack never sets it.
env.WEBHOOK_ALLOW_PRIVATE ||= "true";
// The log SMS provider writes DATA_DIR/sms.jsonl; in memory it only logs.
if (dataDir) env.DATA_DIR = dataDir;
else delete env.DATA_DIR;

let dynamoDb: DynamoDbLocal | undefined;
let gateway: Server | undefined;
let streams: StreamRunner | undefined;
let stopping = false;

/** How long requests in flight may take to finish when we stop; then their connections go. */
const DRAIN_MS = 10_000;

/** Stops taking requests and resolves once those in flight are answered (or DRAIN_MS passed). */
function drain(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

async function shutDown(code: number) {
  if (stopping) return;
  stopping = true;
  // In order, so that nothing is answered by a DynamoDB Local on its way out: no new requests
  // and the ones in flight answered; the stream functions finish the batch in hand (no
  // half-recorded work is left behind); then DynamoDB Local.
  if (gateway) await drain(gateway);
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
  if (env.MANAGER_KEYS !== "off" && env.MANAGER_KEYS !== "required") {
    throw new Error(`MANAGER_KEYS must be "required" or "off", not ${env.MANAGER_KEYS}`);
  }
  if (!env.DYNAMODB_ENDPOINT) {
    if (dataDir) mkdirSync(resolve(dataDir, "dynamodb"), { recursive: true });
    dynamoDb = await startDynamoDbLocal(dataDir ? { dataDir: resolve(dataDir, "dynamodb") } : {});
    env.DYNAMODB_ENDPOINT = dynamoDb.endpoint;
    // Where `npm run operator-key` finds this server's table.
    if (dataDir) writeFileSync(resolve(dataDir, "dynamodb-endpoint"), dynamoDb.endpoint);
  }
  // Imported only once the endpoint is set: the app's modules reach the DynamoDB client, which
  // reads DYNAMODB_ENDPOINT when first imported (before, it would look for AWS credentials and
  // every request would answer 500).
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
  gateway = server;
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
