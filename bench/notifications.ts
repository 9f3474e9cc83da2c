// Notifications: time from a posting's 201 (through the ledger's handler) to its notification's
// `sent`, through the local stream runner (the poller `npm start` runs, at its default 4 polls
// a second), and the messages per second the local consumer sustains on a backlog of 1,000.
// SMS go to the log provider, in a temporary file.
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { notificationId } from "#notifications/core/notification";
import { notificationKeys } from "#notifications/store/keys";
import { notificationItem } from "#notifications/store/notification-item";
import { batchPutAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";
import type { StreamRunner } from "../infra/local/stream-runner";
import { ledgerApi, newLedgerAccount } from "../test/support/ledger-calls";
import { median, quantile } from "./stats";

const LATENCY_SAMPLES = 200;
const BACKLOG = 1000;

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** A notification item as a posting of `i` writes it. */
const someNotification = (i: number) =>
  notificationItem(
    { name: `Bench ${i}`, phone: "+41446681800", smsNotifications: true },
    {
      accountId: `a_${randomUUID().replaceAll("-", "").slice(0, 22)}`,
      transactionId: `tx_${Date.now()}_${String(i).padStart(12, "0")}`,
      type: "credit",
      amount: "12.50",
      balanceAfter: "112.50",
      currency: "USD",
      createdAt: new Date().toISOString(),
    },
  );

async function statusOf(id: string) {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: notificationKeys.notification(id),
      ConsistentRead: true,
    }),
  );
  return Item?.status as string | undefined;
}

async function untilSent(id: string, timeoutMs = 30_000) {
  const deadline = performance.now() + timeoutMs;
  while ((await statusOf(id)) !== "sent") {
    if (performance.now() > deadline) throw new Error(`${id} was not sent within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export default async function notifications() {
  const dataDir = mkdtempSync(join(tmpdir(), "tombola-bench-sms-"));
  process.env.DATA_DIR = dataDir;
  process.env.SMS_PROVIDER = "log";
  process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
  // Imported after DATA_DIR is set: the consumer picks its SMS sender when it loads.
  const { startLocalStreams } = await import("../infra/local/local-streams");
  let runner: StreamRunner | undefined;
  try {
    runner = await startLocalStreams(process.env.DYNAMODB_ENDPOINT as string, tableName);
    const account = await newLedgerAccount("Bench", { phone: "+41446681800" });
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const posted = await ledgerApi.post(account, { type: "credit", amount: "1.00" });
      if (posted.status !== 201) throw new Error(`posting failed: ${JSON.stringify(posted.body)}`);
      const answered = performance.now();
      await untilSent(notificationId(account, posted.body.id));
      latencies.push(performance.now() - answered);
    }
    const items = Array.from({ length: BACKLOG }, (_, i) => someNotification(LATENCY_SAMPLES + i));
    const file = join(dataDir, "sms.jsonl");
    const lines = () => readFileSync(file, "utf8").split("\n").filter(Boolean).length;
    const before = lines();
    const started = performance.now();
    await batchPutAll(items);
    while (lines() < before + BACKLOG) await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = (performance.now() - started) / 1000;
    await untilSent(items.at(-1)?.id as string);
    console.table([
      {
        measure: `posting's 201 → sent, ${LATENCY_SAMPLES} one at a time (ms)`,
        median: round(median(latencies)),
        p95: round(quantile(latencies, 0.95)),
        max: round(Math.max(...latencies)),
      },
    ]);
    console.table([
      {
        measure: `${BACKLOG} written at once (BatchWriteItem) → all sent`,
        seconds: round(seconds, 2),
        "messages/s": round(BACKLOG / seconds),
        "sms.jsonl lines": lines() - before,
      },
    ]);
  } finally {
    await runner?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
