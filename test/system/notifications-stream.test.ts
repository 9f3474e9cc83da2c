import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../infra/local/dynamodb-local";
import { putNotification } from "../support/notifications";
import { startSmsStandIn } from "../support/sms-stand-in";

// `npm start` as its own process, on this file's table: the test writes notification items
// as a posting would, and watches the real stream poller send them.
const dataDir = mkdtempSync(join(tmpdir(), "tombola-sms-"));
const smsFile = join(dataDir, "sms.jsonl");
const started: ChildProcess[] = [];
let standIn: Awaited<ReturnType<typeof startSmsStandIn>>;
beforeAll(async () => {
  standIn = await startSmsStandIn();
});
afterAll(async () => {
  for (const child of started) child.kill("SIGKILL");
  await standIn.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "infra/local/start.ts"], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, STREAM_POLL_MS: "100", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Stream functions running")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`start exited with ${code}: ${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, url: `http://127.0.0.1:${port}`, exited };
}

const smsLines = () =>
  existsSync(smsFile)
    ? readFileSync(smsFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { to: string; text: string; reference: string })
    : [];
const linesFor = (id: string) => smsLines().filter((line) => line.reference === id);

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return check();
}

/** The first two specs share one boot; the later ones test restarts and start their own. */
let running: ReturnType<typeof start> | undefined;
const runningApi = () => {
  running ??= start();
  return running;
};

const statusOf = async (url: string, id: string) =>
  ((await (await fetch(`${url}/v1/notifications/${id}`)).json()) as { status: string }).status;

describe("npm start's stream poller", { timeout: 120_000 }, () => {
  it("sends a pending notification once to sms.jsonl and records it sent; skips the skipped", async () => {
    const { url } = await runningApi();
    const item = await putNotification({ name: "Grace", amount: "12.50", balanceAfter: "112.50" });
    const noPhone = await putNotification({ phone: null });
    const optedOut = await putNotification({ smsNotifications: false });
    expect(await eventually(async () => (await statusOf(url, item.id)) === "sent")).toBe(true);
    expect(linesFor(item.id)).toEqual([
      expect.objectContaining({
        to: "+41446681800",
        text: "Hi Grace, your account was credited with USD 12.50. Balance: USD 112.50.",
      }),
    ]);
    const skipped = await (await fetch(`${url}/v1/notifications?status=skipped`)).json();
    const details = Object.fromEntries(
      (skipped as { items: { id: string; detail: string }[] }).items.map((n) => [n.id, n.detail]),
    );
    expect(details[noPhone.id]).toBe("no_phone");
    expect(details[optedOut.id]).toBe("opted_out");
    expect(linesFor(noPhone.id)).toEqual([]);
    expect(linesFor(optedOut.id)).toEqual([]);
  });

  it("posting over HTTP sends one SMS with the exact text; no phone and opted out are skipped", async () => {
    const { child, url, exited } = await runningApi();
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
    const register = async (name: string, extra: object) => {
      const response = await post("/v1/accounts", {
        email: `${name.toLowerCase()}.${Date.now()}@example.com`,
        password: "correct horse battery",
        name,
        ...extra,
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const transact = async (account: string, key: string) => {
      const response = await post(
        `/v1/accounts/${account}/transactions`,
        { type: "credit", amount: "12.50" },
        { "idempotency-key": key },
      );
      expect(response.status).toBe(201);
      return (await response.json()) as { id: string; notification: { status: string } };
    };
    const transaction = async (account: string, id: string) =>
      (await (await fetch(`${url}/v1/accounts/${account}/transactions/${id}`)).json()) as {
        notification: { channel: string; status: string; detail: string | null };
      };

    const withPhone = await register("Lin", { phone: "+41446681801" });
    const posted = await transact(withPhone, "first");
    expect(posted.notification).toEqual({ channel: "sms", status: "pending", detail: null });
    expect(
      await eventually(
        async () => (await transaction(withPhone, posted.id)).notification.status === "sent",
      ),
    ).toBe(true);
    const lines = smsLines().filter((line) => line.to === "+41446681801");
    expect(lines).toHaveLength(1);
    expect(lines[0]?.text).toBe(
      "Hi Lin, your account was credited with USD 12.50. Balance: USD 12.50.",
    );

    const noPhone = await register("Noor", {});
    const optedOut = await register("Otto", { phone: "+41446681802", sms_notifications: false });
    for (const [account, detail] of [
      [noPhone, "no_phone"],
      [optedOut, "opted_out"],
    ] as const) {
      const skipped = await transact(account, "first");
      expect(skipped.notification).toEqual({ channel: "sms", status: "skipped", detail });
      expect((await transaction(account, skipped.id)).notification.status).toBe("skipped");
    }
    await new Promise((r) => setTimeout(r, 1_000));
    expect(smsLines().filter((line) => line.to === "+41446681802")).toEqual([]);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("after a restart sends what was written while it was down, and nothing twice", async () => {
    const before = smsLines().length;
    const whileDown = await putNotification({ name: "Down" });
    const { child, url, exited } = await start();
    expect(await eventually(async () => (await statusOf(url, whileDown.id)) === "sent")).toBe(true);
    const live = await putNotification({ name: "Live" });
    expect(await eventually(async () => (await statusOf(url, live.id)) === "sent")).toBe(true);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(smsLines().length).toBe(before + 2);
    expect(linesFor(whileDown.id)).toHaveLength(1);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("killed after sending and before recording, sends one duplicate on restart, never zero", async () => {
    const aws = {
      SMS_PROVIDER: "aws",
      SMS_ENDPOINT: standIn.endpoint,
      SMS_ORIGINATION_IDENTITY: "arn:aws:sms-voice:eu-west-1:123456789012:phone-number/phone-e2e",
      OUTBOX_LEASE_MS: "2000",
    };
    const first = await start(aws);
    // The provider takes the message, and the consumer dies before it hears back.
    standIn.answer(() => first.child.kill("SIGKILL"));
    const item = await putNotification({ name: "Crash" });
    await first.exited;
    expect(standIn.sentFor(item.id)).toHaveLength(1);

    const second = await start(aws);
    expect(await eventually(async () => (await statusOf(second.url, item.id)) === "sent")).toBe(
      true,
    );
    await new Promise((r) => setTimeout(r, 1_000));
    expect(standIn.sentFor(item.id)).toHaveLength(2);
    expect(standIn.sentFor(item.id)[1]?.body.MessageBody).toBe(
      "Hi Ada, your account was credited with USD 12.50. Balance: USD 112.50.".replace(
        "Ada",
        "Crash",
      ),
    );
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });
});
