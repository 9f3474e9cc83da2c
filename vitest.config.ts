import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { defineConfig } from "vitest/config";

const env = {
  // Everything is logged and captured: the secrets check reads every line (secrets-setup.ts).
  POWERTOOLS_LOG_LEVEL: "DEBUG",
  // The tests that read the metrics turn them on (test/support/emf.ts).
  POWERTOOLS_METRICS_DISABLED: "true",
  MANAGER_CIDRS: "127.0.0.1/32,::1/128",
  // Per-address limits are lifted for the suite (tests register and claim from few addresses);
  // test/integration/gateway/locked-doors.test.ts turns them on and proves them.
  RATE_LIMITS: "off",
  // Manager routes take the address alone, as under `npm start`; operator-keys.test.ts runs
  // them in `required` mode too.
  MANAGER_KEYS: "off",
  HASH_KEY: randomBytes(32).toString("hex"),
  // Draws are signed by a local beacon key: the whole flow, verification included, runs offline.
  BEACON: "local",
  BEACON_KEY: Buffer.from(bls12_381.utils.randomSecretKey()).toString("hex"),
};

/** Files that race many clients on one item: they run apart (see the "races" project). */
const RACES = "test/system/races/**/*.test.ts";

/** Tests against DynamoDB Local: one instance for the run, a table per file, answers checked. */
const dynamodb = {
  // One DynamoDB Local for the whole run, shared by the projects; a table per test file.
  globalSetup: ["test/support/dynamodb-global-setup.ts"],
  // Every answer a test receives is checked against the OpenAPI document.
  // The table first (the app's modules read its name as they load), then secrets-setup.ts: its
  // wrappers must be in place before anything loads the app, or the app keeps the real modules.
  setupFiles: [
    "test/support/table-per-file.ts",
    "test/support/secrets-setup.ts",
    "test/support/contract-setup.ts",
  ],
  sequence: { groupOrder: 0 },
  // A test's outcomes are counted, never timed: on a loaded 2-core CI machine DynamoDB Local
  // can take minutes over what takes seconds alone, and a timeout there is not a finding.
  testTimeout: 180_000,
  hookTimeout: 180_000,
};

export default defineConfig({
  test: {
    env,
    // One file per core, not vitest's cores − 1: a DynamoDB-backed file spends most of its time
    // waiting on DynamoDB Local (its own process), so on 2 cores one worker left a core idle.
    maxWorkers: availableParallelism(),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          include: ["test/unit/**/*.test.ts"],
          setupFiles: ["test/support/secrets-setup.ts", "test/support/contract-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          ...dynamodb,
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          ...dynamodb,
          // Real processes and whole runs: npm start, crash and restart, fuzzing, faults, the
          // browser, the synthesized stack. `npm run test:all` adds them to the loop.
          name: "system",
          include: ["test/system/**/*.test.ts"],
          exclude: [RACES],
        },
      },
      {
        extends: true,
        test: {
          ...dynamodb,
          // Pile-ups on one wallet or one user are what DynamoDB Local serialises: they run
          // after every other file, one at a time, so the rest of the suite's load never
          // turns their counted outcomes into 503s.
          name: "races",
          include: [RACES],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
