import { execFileSync } from "node:child_process";
import { argon2, randomBytes, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { hashPassword, verifyPassword } from "#accounts/password";
import { median, quantile } from "./stats";

// Node 24's built-in argon2 against @node-rs/argon2 (what shared/accounts/password.ts uses):
// can each verify the other's hashes, and what each costs at our parameters. Measured only.
const ROUNDS = 15;
const CROSS = 20;
const nodeArgon2 = promisify(argon2);

/** A PHC string `$argon2id$v=19$m=…,t=…,p=…$salt$hash` (base64 without padding). */
function parsePhc(phc: string) {
  const [, algorithm, version, params, salt, hash] = phc.split("$");
  const fields = Object.fromEntries(
    (params ?? "").split(",").map((pair) => pair.split("=") as [string, string]),
  );
  if (algorithm !== "argon2id" || version !== "v=19") throw new Error(`Not argon2id v19: ${phc}`);
  return {
    memory: Number(fields.m),
    passes: Number(fields.t),
    parallelism: Number(fields.p),
    nonce: Buffer.from(salt ?? "", "base64"),
    tag: Buffer.from(hash ?? "", "base64"),
  };
}

const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "");

/** Node's argon2id with the parameters `hashPassword` uses, as a PHC string. */
async function nodeHash(password: string): Promise<string> {
  const nonce = randomBytes(16);
  const tag = await nodeArgon2("argon2id", {
    message: password.normalize("NFC"),
    nonce,
    memory: 19_456,
    passes: 2,
    parallelism: 1,
    tagLength: 32,
  });
  return `$argon2id$v=19$m=19456,t=2,p=1$${b64(nonce)}$${b64(tag)}`;
}

/** Node's argon2id check of a PHC string, whoever made it. */
async function nodeVerify(phc: string, password: string): Promise<boolean> {
  const { tag, ...params } = parsePhc(phc);
  const computed = await nodeArgon2("argon2id", {
    message: password.normalize("NFC"),
    ...params,
    tagLength: tag.length,
  });
  return computed.length === tag.length && timingSafeEqual(computed, tag);
}

async function timings(task: () => Promise<unknown>, rounds = ROUNDS) {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  return times;
}

/** Median ms of `import(module)` in fresh processes: what a cold start pays to load it. */
function coldImport(module: string) {
  const script = `const t = performance.now(); await import(${JSON.stringify(module)}); process.stdout.write(String(performance.now() - t));`;
  return median(
    Array.from({ length: 7 }, () =>
      Number(execFileSync(process.execPath, ["--input-type=module", "-e", script])),
    ),
  );
}

export default async function argon2Comparison() {
  // Cross-verification, both ways, right and wrong passwords (with a non-ASCII one).
  let agreed = 0;
  let checks = 0;
  for (let i = 0; i < CROSS; i++) {
    const password = i % 2 ? `pässwörd ${i} ${randomBytes(4).toString("hex")}` : `pw ${i}`;
    const byNodeRs = await hashPassword(password);
    const byNode = await nodeHash(password);
    const outcomes = [
      (await nodeVerify(byNodeRs, password)) === true,
      (await nodeVerify(byNodeRs, `${password}x`)) === false,
      (await verifyPassword(byNode, password)) === true,
      (await verifyPassword(byNode, `${password}x`)) === false,
    ];
    checks += outcomes.length;
    agreed += outcomes.filter(Boolean).length;
  }
  console.log(
    `cross-verification (m=19456,t=2,p=1): ${agreed} of ${checks} checks as expected ` +
      `(${CROSS} passwords: each library's hash verified by the other, right and wrong password)`,
  );

  const password = "bench password 123";
  const phc = await hashPassword(password);
  const rows = [
    {
      library: "@node-rs/argon2",
      hash: () => hashPassword(password),
      verify: () => verifyPassword(phc, password),
    },
    {
      library: "node:crypto argon2",
      hash: () => nodeHash(password),
      verify: () => nodeVerify(phc, password),
    },
  ].map(({ library, hash, verify }) => ({ library, hash, verify }));
  const table = [];
  for (const { library, hash, verify } of rows) {
    await hash(); // warm
    const hashes = await timings(hash);
    const verifies = await timings(verify);
    // Four at once: what one vCPU does when requests pile up (both use libuv's thread pool).
    const started = performance.now();
    await Promise.all(Array.from({ length: 4 }, () => hash()));
    table.push({
      library,
      [`hash median ms (${ROUNDS})`]: Number(median(hashes).toFixed(1)),
      "hash p95 ms": Number(quantile(hashes, 0.95).toFixed(1)),
      [`verify median ms (${ROUNDS})`]: Number(median(verifies).toFixed(1)),
      "4 hashes at once ms": Number((performance.now() - started).toFixed(1)),
    });
  }
  console.table(table);
  console.log(
    `cold import, median of 7 fresh processes: @node-rs/argon2 ${coldImport("@node-rs/argon2").toFixed(1)} ms, ` +
      `node:crypto ${coldImport("node:crypto").toFixed(1)} ms`,
  );
}
