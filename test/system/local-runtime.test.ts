import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { METRICS_NAMESPACE, SERVICE_NAME } from "#platform/observability/service-names";
import { freePort } from "../../infra/local/dynamodb-local";

const dataDir = mkdtempSync(join(tmpdir(), "tombola-start-"));
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `npm start`'s script as its own process and waits for its "listening" line. */
async function start(args: string[] = []) {
  const port = await freePort();
  // As a developer runs it: the test run's POWERTOOLS_METRICS_DISABLED is not passed on.
  const { POWERTOOLS_METRICS_DISABLED: _, ...env } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "infra/local/start.ts", ...args], {
    env: { ...env, PORT: String(port), DATA_DIR: dataDir, DYNAMODB_ENDPOINT: "", HASH_KEY: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let output = "";
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Tombola is listening on .*\n/.exec(output);
      if (found) resolve(found[0]);
    });
    child.once("exit", (code) => reject(new Error(`start exited with ${code}: ${output}`)));
  });
  const dynamoPort = /DynamoDB at http:\/\/127\.0\.0\.1:(\d+)/.exec(line)?.[1];
  return { child, url: `http://127.0.0.1:${port}`, dynamoPort, output: () => output };
}

function dynamoDbLocalRunning(port: string | undefined): boolean {
  try {
    const found = execFileSync("pgrep", ["-f", `DynamoDBLocal.jar -port ${port} `]);
    return found.toString().trim() !== "";
  } catch {
    return false;
  }
}

async function eventually(check: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return check();
}

// Each test starts DynamoDB Local (Java) and the API: tens of seconds on a loaded machine.
describe("npm start", { timeout: 90_000 }, () => {
  it("serves /health on DynamoDB Local and stops it on SIGTERM", async () => {
    const { child, url, dynamoPort, output } = await start();
    expect(dynamoPort).toBeDefined();
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    // The request's metrics are in the logs as Lambda writes them: an EMF line, its id on it.
    const requestId = health.headers.get("x-request-id");
    // Only its EMF lines: the test run's log level (DEBUG, for the secrets check) adds others.
    const emfLines = () =>
      output()
        .split("\n")
        .filter((text) => text.includes(`"request_id":"${requestId}"`) && text.includes('"_aws"'));
    expect(await eventually(() => emfLines().length > 0), output()).toBe(true);
    const emf = emfLines().map((text) => JSON.parse(text));
    expect(emf).toMatchObject([
      {
        _aws: {
          CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Metrics: [{ Name: "ColdStart" }] }],
        },
        service: SERVICE_NAME,
        function: "platform/health",
        ColdStart: 1,
      },
    ]);
    expect(dynamoDbLocalRunning(dynamoPort)).toBe(true);
    child.kill("SIGTERM");
    expect(await eventually(() => child.exitCode !== null)).toBe(true);
    expect(dynamoDbLocalRunning(dynamoPort)).toBe(false);
  });

  it("keeps its data and hashing key under DATA_DIR across restarts", async () => {
    expect(existsSync(join(dataDir, "dynamodb", "shared-local-instance.db"))).toBe(true);
    const key = readFileSync(join(dataDir, "hash-key"), "utf8");
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const { child, url } = await start();
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(readFileSync(join(dataDir, "hash-key"), "utf8")).toBe(key);
    child.kill("SIGTERM");
    expect(await eventually(() => child.exitCode !== null)).toBe(true);
  });

  it("refuses to start with a malformed MANAGER_CIDRS, before starting anything", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "infra/local/start.ts", "--in-memory"],
      {
        env: { ...process.env, MANAGER_CIDRS: "10.0.0.0/8,10.0.0.0/33", DYNAMODB_ENDPOINT: "" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    started.push(child);
    let errors = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      errors += chunk.toString();
    });
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(errors).toMatch(/Invalid CIDR prefix: "10\.0\.0\.0\/33"/);
  });

  it("leaves no DynamoDB Local behind even when killed with SIGKILL", async () => {
    const { child, dynamoPort } = await start(["--in-memory"]);
    expect(dynamoDbLocalRunning(dynamoPort)).toBe(true);
    child.kill("SIGKILL");
    expect(await eventually(() => !dynamoDbLocalRunning(dynamoPort))).toBe(true);
  });
});
