// `npm run bench`: every figure the issues ask for, measured on this machine.
// Figures are printed, never asserted: the machines are shared and noisy.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { newSecretKey } from "#raffles/core/bls";
import { startDynamoDbLocal } from "../infra/local/dynamodb-local";
import { ensureTable } from "../infra/local/ensure-table";
import { capture, reportHtml, type Section } from "./report";

/** A benchmark section: prints its own figures. */
export type BenchSection = () => Promise<void>;

const dynamoDb = await startDynamoDbLocal();
try {
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: dynamoDb.endpoint,
    AWS_REGION: "local",
    TABLE_NAME: "bench",
    HASH_KEY: randomBytes(32).toString("hex"),
    BEACON: "local",
    BEACON_KEY: newSecretKey(),
    MANAGER_CIDRS: "127.0.0.1/32,::1/128",
    MANAGER_KEYS: "off",
    POWERTOOLS_LOG_LEVEL: "SILENT",
    POWERTOOLS_METRICS_DISABLED: "true",
  });
  await ensureTable(dynamoDb.endpoint, "bench");
  // Imported after the environment is set: the handlers read it when they load.
  const sections: Record<string, () => Promise<{ default: BenchSection }>> = {
    bundles: () => import("./bundles"),
    accounts: () => import("./accounts"),
    monitoring: () => import("./monitoring"),
    raffles: () => import("./raffles"),
    docs: () => import("./docs"),
    ledger: () => import("./ledger"),
    coupons: () => import("./coupons"),
    notifications: () => import("./notifications"),
    webhooks: () => import("./webhooks"),
    argon2: () => import("./argon2"),
  };
  // `--report` (or `--report=FILE`) also writes the run as an HTML page with charts.
  const args = process.argv.slice(2);
  const reportArg = args.find((arg) => arg === "--report" || arg.startsWith("--report="));
  const reportFile = reportArg && (reportArg.split("=")[1] || "bench-report.html");
  const only = args.filter((arg) => !arg.startsWith("--"));
  const recorded: Section[] = [];
  for (const [name, load] of Object.entries(sections)) {
    if (only.length > 0 && !only.includes(name)) continue;
    console.log(`\n## ${name}\n`);
    const section = { name, blocks: [] };
    recorded.push(section);
    await capture(section, async () => (await load()).default());
  }
  if (reportFile) {
    const command = `npm run bench -- ${args.join(" ")}`;
    writeFileSync(reportFile, reportHtml(recorded, { command, date: new Date() }));
    console.log(`\nreport: ${resolve(reportFile)}`);
  }
} finally {
  await dynamoDb.stop();
}
