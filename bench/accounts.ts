import { hashPassword } from "#accounts/password";
import { requestCounter } from "#platform/db/client";
import { handler as logIn } from "../functions/accounts/log-in";
import { handler as register } from "../functions/accounts/register";
import { invoke } from "../test/support/lambda-event";
import { median, quantile } from "./stats";

const PASSWORD = "bench password 123";
const LOG_INS = 50;

async function timed(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return performance.now() - started;
}

const ms = (value: number) => Number(value.toFixed(1));

// Each log-in from an address of its own, as from many clients: the per-address limit (30 a
// minute) stays on, with its one write per log-in, and never answers these.
let clients = 0;
const nextClient = () => `198.51.100.${++clients}`;

/** A log-in through the handler; throws unless it answers `expected`. */
async function logInAs(body: { email: string; password: string }, expected: number) {
  const response = await invoke(logIn, { method: "POST", body, sourceIp: nextClient() });
  if (response.status !== expected) throw new Error(`log-in answered ${response.status}`);
}

/** argon2id hash time at the parameters used, and log-in latency through the handler in-process. */
export default async function accounts() {
  const hashes: number[] = [];
  let encoded = "";
  for (let i = 0; i < 5; i++) {
    hashes.push(await timed(async () => (encoded = await hashPassword(PASSWORD))));
  }
  // The parameters as the hash itself records them, e.g. `m=19456,t=2,p=1`.
  const parameters = encoded.split("$")[3];
  console.log(
    `argon2id hash (${parameters}): first ${ms(hashes[0] ?? 0)} ms, median of 5 ${ms(median(hashes))} ms`,
  );

  const emails = Array.from({ length: 5 }, (_, i) => `bench.${Date.now()}.${i}@example.com`);
  for (const email of emails) {
    const response = await invoke(register, {
      method: "POST",
      body: { email, password: PASSWORD, name: "Bench" },
    });
    if (response.status !== 201) throw new Error(`register answered ${response.status}`);
  }
  const [email] = emails as [string];

  requestCounter.reset();
  const latencies: number[] = [];
  for (let i = 0; i < LOG_INS; i++) {
    latencies.push(await timed(() => logInAs({ email, password: PASSWORD }, 201)));
  }
  const requestsPerLogIn = requestCounter.total / LOG_INS;

  // Failures spread over several emails so that the lock-out (10 per email) is never reached.
  const wrong: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < 20; i++) {
    const email = emails[i % 5] as string;
    wrong.push(await timed(() => logInAs({ email, password: "wrong password" }, 401)));
    const nobody = `nobody.${i}@example.com`;
    unknown.push(await timed(() => logInAs({ email: nobody, password: "wrong password" }, 401)));
  }

  console.table([
    {
      case: `successful log-in (${LOG_INS})`,
      "median ms": ms(median(latencies)),
      "p95 ms": ms(quantile(latencies, 0.95)),
    },
    {
      case: "wrong password (20)",
      "median ms": ms(median(wrong)),
      "p95 ms": ms(quantile(wrong, 0.95)),
    },
    {
      case: "unknown email (20)",
      "median ms": ms(median(unknown)),
      "p95 ms": ms(quantile(unknown, 0.95)),
    },
  ]);
  console.log(`DynamoDB requests per successful log-in: ${requestsPerLogIn}`);
}
