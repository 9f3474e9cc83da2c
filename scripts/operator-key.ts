// `npm run operator-key -- create --name NAME | list | revoke KEY_ID`: operator keys, written
// straight into the table by someone with access to it (the first key has no key to ask with).
//
// Locally (next to `npm start`): the table of the running server, found through
// `DATA_DIR/dynamodb-endpoint` (or DYNAMODB_ENDPOINT), hashed with `DATA_DIR/hash-key`.
// Deployed: set TABLE_NAME and HASH_KEY_SECRET_ARN (the stack's outputs) and AWS credentials
// allowed to read that secret and write the table. See docs/operations.md.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { localHashKey } from "../infra/local/local-secrets";

const { env } = process;
const { positionals, values } = parseArgs({
  args: process.argv.slice(2),
  options: { name: { type: "string" } },
  allowPositionals: true,
});
const [command, keyId] = positionals;
const usage = "usage: npm run operator-key -- create --name NAME | list | revoke KEY_ID";

if (!env.HASH_KEY_SECRET_ARN) {
  const dataDir = resolve(env.DATA_DIR ?? ".data");
  const endpointFile = join(dataDir, "dynamodb-endpoint");
  if (!env.DYNAMODB_ENDPOINT && existsSync(endpointFile)) {
    env.DYNAMODB_ENDPOINT = readFileSync(endpointFile, "utf8").trim();
  }
  if (!env.DYNAMODB_ENDPOINT) {
    console.error(
      `No table: start the API (npm start) or set DYNAMODB_ENDPOINT; against a deployed stack set TABLE_NAME and HASH_KEY_SECRET_ARN.`,
    );
    process.exit(1);
  }
  env.HASH_KEY ||= localHashKey(dataDir);
  env.TABLE_NAME ??= "tombola";
  env.AWS_REGION ??= "local";
}
env.POWERTOOLS_LOG_LEVEL ??= "SILENT";
env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
// The table client reads the environment when it loads: load it now.
const { createOperatorKey, listKeys, revokeKey } = await import("#operators");

try {
  if (command === "create" && values.name?.trim()) {
    const created = await createOperatorKey(values.name.trim());
    console.log(`Created ${created.id} (${created.name}). The key, shown this once:`);
    console.log(created.key);
  } else if (command === "list") {
    let cursor: string | undefined;
    do {
      const page = await listKeys({ limit: 100, cursor });
      for (const key of page.items) {
        console.log(
          [
            key.id,
            key.name,
            `created ${key.created_at}`,
            `last used ${key.last_used_at ?? "never"}`,
          ]
            .concat(key.revoked_at ? [`REVOKED ${key.revoked_at}`] : [])
            .join("  "),
        );
      }
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
  } else if (command === "revoke" && keyId) {
    await revokeKey(keyId);
    console.log(`Revoked ${keyId}: it stops working at once.`);
  } else {
    console.error(usage);
    process.exit(2);
  }
} catch (error) {
  console.error(`operator-key ${command} failed: ${(error as Error).message}`);
  process.exit(1);
}
