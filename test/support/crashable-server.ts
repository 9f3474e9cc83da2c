// `npm start` on a DATA_DIR and port of its own, in its own process group, for the tests that
// kill it (a whole group at once, as a power cut would: the API, DynamoDB Local and its
// watchdog) and start it again on the same data. Its log lines go to the secrets check.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../infra/local/dynamodb-local";
import { recordOutput } from "./secrets";

export interface CrashableServer {
  child: ChildProcess;
  url: string;
  /** DynamoDB Local's port, to see that it went down with the group. */
  dynamoPort: string;
}

/** Kills the whole process group of `npm start`: the API, DynamoDB Local and its watchdog. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-(child.pid as number), signal);
  } catch {
    // Already gone.
  }
}

/** Servers of one test file, on one data directory; `cleanUp` in its afterAll. */
export function crashableServers(label: string, env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), `tombola-${label}-`));
  const running = new Set<ChildProcess>();

  async function start(): Promise<CrashableServer> {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "infra/local/start.ts"], {
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        DYNAMODB_ENDPOINT: "",
        HASH_KEY: "",
        BEACON_KEY: "",
        POWERTOOLS_LOG_LEVEL: "WARN",
        STREAM_POLL_MS: "200",
        ...env,
      },
      // Its own process group, so that one kill reaches every process of it.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    child.once("exit", () => running.delete(child));
    let output = "";
    const capture = (chunk: Buffer) => {
      output += chunk.toString();
      recordOutput("log", chunk.toString(), `npm start (${label})`);
    };
    child.stderr?.on("data", capture);
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        capture(chunk);
        const found = /Tombola is listening on .*\n/.exec(output);
        if (found) resolve(found[0]);
      });
      child.once("exit", (code) => reject(new Error(`start exited with ${code}: ${output}`)));
    });
    const dynamoPort = /DynamoDB at http:\/\/127\.0\.0\.1:(\d+)/.exec(line)?.[1] as string;
    return { child, url: `http://127.0.0.1:${port}`, dynamoPort };
  }

  return {
    dataDir,
    start,
    cleanUp() {
      for (const child of running) killGroup(child, "SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
