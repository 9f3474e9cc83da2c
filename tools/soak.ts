// `npm run soak -- --minutes N [--concurrency 64] [--max-requests M]`: valid and invalid traffic
// over every domain against `npm start` (in memory, its own port, loopback only), then the
// figures: requests/s, the status mix, p50/p99 per route, the gateway's memory at start and end,
// and every 5xx. Bounded in time and in count.
import { type ChildProcess, spawn } from "node:child_process";
import { randomInt, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { parseArgs } from "node:util";
import { freePort } from "../infra/local/dynamodb-local";
import { progress } from "../infra/local/progress";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "1" },
    concurrency: { type: "string", default: "64" },
    "max-requests": { type: "string", default: "2000000" },
  },
});
const MINUTES = Number(values.minutes);
const CONCURRENCY = Number(values.concurrency);
const MAX_REQUESTS = Number(values["max-requests"]);
if (!(MINUTES > 0 && MINUTES <= 120) || !(CONCURRENCY > 0 && CONCURRENCY <= 512)) {
  throw new Error("--minutes must be in (0, 120] and --concurrency in (0, 512]");
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  text: string;
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
let base = "";

/** One request; `from` binds the socket to a loopback address (a player of its own). */
function send(
  method: string,
  path: string,
  options: { body?: unknown; raw?: string; headers?: Record<string, string>; from?: string } = {},
): Promise<Answer> {
  const url = new URL(path, base);
  const payload =
    options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ...(options.from ? { localAddress: options.from, agent: false } : { agent: keepAlive }),
        headers: {
          ...(payload === undefined
            ? {}
            : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: Record<string, unknown> = {};
          try {
            body = text ? JSON.parse(text) : {};
          } catch {
            // Not JSON (the /docs page).
          }
          resolve({ status: res.statusCode ?? 0, body, text });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

async function ok(answer: Promise<Answer>): Promise<Record<string, unknown>> {
  const got = await answer;
  if (got.status >= 300) throw new Error(`setup answered ${got.status}: ${got.text}`);
  return got.body;
}

/** `npm start --in-memory` on a free port; resolves once it listens. */
async function startServer(): Promise<ChildProcess> {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "infra/local/start.ts", "--in-memory"],
    {
      env: {
        ...process.env,
        HOST: "127.0.0.1",
        PORT: String(port),
        DYNAMODB_ENDPOINT: "",
        POWERTOOLS_LOG_LEVEL: "ERROR",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (/Stream functions running/.test(output)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
  });
  return child;
}

const rssMiB = (pid: number) => {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return line ? Math.round(Number(line[1]) / 1024) : Number.NaN;
};

// The figures.
const latencies = new Map<string, number[]>();
const statuses = new Map<string, number>();
const serverErrors: string[] = [];
let requests = 0;
let failures = 0;

/** Sends one request of the route `name` and records its answer. */
async function timed(name: string, run: () => Promise<Answer>): Promise<Answer | undefined> {
  requests++;
  const started = performance.now();
  try {
    const answer = await run();
    const list = latencies.get(name) ?? [];
    list.push(performance.now() - started);
    latencies.set(name, list);
    const mix = `${answer.status}${answer.body.code ? ` ${answer.body.code}` : ""}`;
    statuses.set(mix, (statuses.get(mix) ?? 0) + 1);
    if (answer.status >= 500 && serverErrors.length < 20) {
      serverErrors.push(`${name}: ${answer.status} ${answer.text.slice(0, 200)}`);
    }
    return answer;
  } catch (error) {
    failures++;
    if (serverErrors.length < 20) serverErrors.push(`${name}: ${(error as Error).message}`);
    return undefined;
  }
}

const child = await startServer();
try {
  // The world: raffles, account holders with tokens, a coupon, a user per client for events.
  const newRaffle = async () =>
    (
      await ok(
        send("POST", "/v1/raffles", {
          body: { name: "Soak", total_tickets: 100_000, prizes: [{ name: "Mug", quantity: 3 }] },
        }),
      )
    ).id as string;
  let raffle = await newRaffle();
  const holders: { id: string; email: string; auth: Record<string, string> }[] = [];
  for (let i = 0; i < 8; i++) {
    const email = `soak.${randomUUID()}@example.com`;
    const password = `pw-${randomUUID()}`;
    const account = await ok(
      send("POST", "/v1/accounts", {
        body: { email, password, name: "Soak", phone: "+41446681800" },
      }),
    );
    const session = await ok(send("POST", "/v1/sessions", { body: { email, password } }));
    holders.push({
      id: account.id as string,
      email,
      auth: { authorization: `Bearer ${session.token}` },
    });
  }
  const coupon = (
    await ok(
      send("POST", "/v1/coupons", {
        body: {
          code: "SOAK",
          title: "Soak",
          category: "Food",
          merchant: "Soak",
          store: {
            street: "1 Pike St",
            city: "Seattle",
            state: "WA",
            zip: "98101",
            phone: "+1 206 555 0100",
            lat: 47.6097,
            long: -122.3422,
          },
          published_at: new Date(Date.now() - 3_600_000).toISOString(),
          expire_at: new Date(Date.now() + 86_400_000).toISOString(),
          max_redemptions: 1_000_000,
          per_account_limit: 1_000_000,
        },
      }),
    )
  ).id as string;
  const holder = () => holders[randomInt(holders.length)] as (typeof holders)[number];
  let player = 256;
  const nextPlayer = () => {
    player = player >= 16_000_000 ? 256 : player + 1;
    return `127.${(player >> 16) & 255}.${(player >> 8) & 255}.${player & 255}`;
  };

  const operations: [string, (client: { user: number; time: number }) => Promise<unknown>][] = [
    ["GET /health", () => timed("GET /health", () => send("GET", "/health"))],
    ["GET /v1/raffles", () => timed("GET /v1/raffles", () => send("GET", "/v1/raffles?limit=10"))],
    [
      "POST /v1/raffles/{id}/tickets",
      async () => {
        const answer = await timed("POST /v1/raffles/{id}/tickets", () =>
          send("POST", `/v1/raffles/${raffle}/tickets`, { from: nextPlayer() }),
        );
        if (answer?.body.code === "sold_out") raffle = await newRaffle();
      },
    ],
    [
      "POST /v1/raffles/{id}/tickets/{n}/verify (wrong code)",
      () =>
        timed("POST /v1/raffles/{id}/tickets/{n}/verify", () =>
          send("POST", `/v1/raffles/${raffle}/tickets/1/verify`, {
            body: { verification_code: "WRONG-CODE" },
          }),
        ),
    ],
    [
      "POST /v1/raffles (invalid)",
      () =>
        timed("POST /v1/raffles", () =>
          send("POST", "/v1/raffles", { body: { name: "", total_tickets: -1 } }),
        ),
    ],
    [
      "POST /v1/events",
      (client) => {
        client.time++;
        return timed("POST /v1/events", () =>
          send("POST", "/v1/events", {
            body: {
              type: randomInt(3) === 0 ? "withdraw" : "deposit",
              amount: `${randomInt(1, 500)}.${randomInt(10, 100)}`,
              user_id: client.user,
              time: client.time,
            },
          }),
        );
      },
    ],
    [
      "GET /v1/users/{user_id}/events",
      (client) =>
        timed("GET /v1/users/{user_id}/events", () =>
          send("GET", `/v1/users/${client.user}/events?limit=20`),
        ),
    ],
    ["GET /v1/alerts", () => timed("GET /v1/alerts", () => send("GET", "/v1/alerts?limit=20"))],
    [
      "POST /v1/accounts/{account_id}/transactions",
      () =>
        timed("POST /v1/accounts/{account_id}/transactions", () =>
          send("POST", `/v1/accounts/${holder().id}/transactions`, {
            body: {
              type: randomInt(4) === 0 ? "debit" : "credit",
              amount: `${randomInt(1, 50)}.00`,
            },
            headers: { "Idempotency-Key": randomUUID() },
          }),
        ),
    ],
    [
      "GET /v1/accounts/me/transactions",
      () =>
        timed("GET /v1/accounts/me/transactions", () =>
          send("GET", "/v1/accounts/me/transactions?limit=20", { headers: holder().auth }),
        ),
    ],
    [
      "GET /v1/accounts/me (forged token)",
      () =>
        timed("GET /v1/accounts/me", () =>
          send("GET", "/v1/accounts/me", { headers: { authorization: `Bearer ${randomUUID()}` } }),
        ),
    ],
    [
      "POST /v1/sessions (wrong password)",
      () =>
        timed("POST /v1/sessions", () =>
          send("POST", "/v1/sessions", { body: { email: holder().email, password: "wrong one!" } }),
        ),
    ],
    [
      "GET /v1/coupons (near)",
      () =>
        timed("GET /v1/coupons", () =>
          send("GET", "/v1/coupons?status=active&near=47.6097,-122.3422&radius_km=5&limit=20"),
        ),
    ],
    [
      "POST /v1/coupons/{coupon_id}/redemptions",
      () =>
        timed("POST /v1/coupons/{coupon_id}/redemptions", () =>
          send("POST", `/v1/coupons/${coupon}/redemptions`, { headers: holder().auth }),
        ),
    ],
    [
      "GET /v1/notifications",
      () =>
        timed("GET /v1/notifications", () => send("GET", "/v1/notifications?status=sent&limit=20")),
    ],
    [
      "POST /v1/accounts (malformed JSON)",
      () => timed("POST /v1/accounts", () => send("POST", "/v1/accounts", { raw: '{"email": ' })),
    ],
    [
      "POST /v1/events (text/plain)",
      () =>
        timed("POST /v1/events", () =>
          send("POST", "/v1/events", { raw: "{}", headers: { "content-type": "text/plain" } }),
        ),
    ],
    ["GET /nowhere", () => timed("(no route)", () => send("GET", "/v1/nowhere"))],
  ];

  const startRss = rssMiB(child.pid as number);
  const started = performance.now();
  const deadline = started + MINUTES * 60_000;
  // A line every 10 s on stderr: how far, how fast, and whether anything is failing yet.
  const report = progress("soak", 0);
  const ticker = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    const serverErrorCount = [...statuses]
      .filter(([mix]) => mix.startsWith("5"))
      .reduce((sum, [, n]) => sum + n, 0);
    report(
      `${Math.min(100, (elapsed / (MINUTES * 60)) * 100).toFixed(0)} % of ${MINUTES} min, ` +
        `${requests} requests (${(requests / elapsed).toFixed(0)}/s), ` +
        `${serverErrorCount} 5xx, ${failures} without an answer, ` +
        `gateway ${rssMiB(child.pid as number)} MiB`,
    );
  }, 10_000);
  ticker.unref();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, index) => {
      const client = { user: 900_000 + index, time: 0 };
      while (performance.now() < deadline && requests < MAX_REQUESTS) {
        const [, run] = operations[randomInt(operations.length)] as (typeof operations)[number];
        await run(client);
      }
    }),
  );
  clearInterval(ticker);
  const seconds = (performance.now() - started) / 1000;
  const endRss = rssMiB(child.pid as number);

  const quantile = (sorted: number[], q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  console.log(`\n## soak: ${MINUTES} min at concurrency ${CONCURRENCY}\n`);
  console.log(
    `${requests} requests in ${seconds.toFixed(0)} s: ${(requests / seconds).toFixed(0)} requests/s; ` +
      `${failures} without an answer`,
  );
  console.log(`gateway memory (RSS): ${startRss} MiB at start, ${endRss} MiB at end`);
  console.log("\n| status | count |\n|---|---:|");
  for (const [mix, count] of [...statuses].sort((a, b) => b[1] - a[1])) {
    console.log(`| ${mix} | ${count} |`);
  }
  console.log("\n| route | requests | p50 ms | p99 ms |\n|---|---:|---:|---:|");
  for (const [name, list] of [...latencies].sort()) {
    const sorted = [...list].sort((a, b) => a - b);
    console.log(
      `| ${name} | ${list.length} | ${quantile(sorted, 0.5).toFixed(1)} | ${quantile(sorted, 0.99).toFixed(1)} |`,
    );
  }
  const fiveHundreds = [...statuses]
    .filter(([mix]) => mix.startsWith("5"))
    .reduce((sum, [, n]) => sum + n, 0);
  console.log(`\n5xx answers: ${fiveHundreds}`);
  for (const line of serverErrors) console.log(`  ${line}`);
  process.exitCode = fiveHundreds - (statuses.get("503 unavailable") ?? 0) > 0 ? 1 : 0;
} finally {
  keepAlive.destroy();
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
}
