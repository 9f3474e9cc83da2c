import { describe, expect, it } from "vitest";
import { db } from "#platform/db/client";
import { described, useEmfCapture } from "../../support/emf";
import { useTestGateway } from "../../support/gateway";
import { newLedgerAccount } from "../../support/ledger-calls";

const gateway = useTestGateway();
const emf = useEmfCapture();

/** Throttles the first two attempts of every BatchGetItem naming one of these accounts. */
function throttleReadsOf(accounts: readonly string[]) {
  const failed = new Map<string, number>();
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const raw = (args as { request?: { body?: string | Uint8Array } }).request?.body ?? "";
      const body = typeof raw === "string" ? raw : new TextDecoder().decode(raw);
      const account = accounts.find((id) => body.includes(id));
      if (context.commandName === "BatchGetItemCommand" && account) {
        const times = failed.get(account) ?? 0;
        if (times < 2) {
          failed.set(account, times + 1);
          throw Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
        }
      }
      return next(args);
    },
    { step: "finalizeRequest", name: "throttleReadsOf", priority: "low" },
  );
  return () => db.middlewareStack.remove("throttleReadsOf");
}

describe("metrics through the local gateway, many requests at once", () => {
  it("each request's EMF lines carry its own request id and only its own metrics", async () => {
    const raffle = await gateway.send("POST", "/v1/raffles", {
      body: { name: "Busy", total_tickets: 100, prizes: [{ name: "Mug", quantity: 1 }] },
    });
    const accounts = await Promise.all(Array.from({ length: 8 }, () => newLedgerAccount()));
    const throttled = accounts.filter((_, i) => i % 2 === 0);
    const stop = throttleReadsOf(throttled);
    const user = 9_300_000 + Math.floor(Math.random() * 100_000);
    emf.take();
    try {
      const requests = [
        ...Array.from({ length: 12 }, (_, i) => ({
          expected: ["TicketsClaimed 1"],
          send: () =>
            gateway.send("POST", `/v1/raffles/${raffle.body.id}/tickets`, {
              from: `127.0.${1 + i}.9`,
            }),
        })),
        ...Array.from({ length: 12 }, (_, i) => ({
          expected:
            i % 2 === 0 ? ["AlertsRaised code=1100 1", "EventsRecorded 1"] : ["EventsRecorded 1"],
          send: () =>
            gateway.send("POST", "/v1/events", {
              body: {
                type: "withdraw",
                amount: i % 2 === 0 ? "150.00" : "5.00",
                user_id: user + i,
                time: 1,
              },
            }),
        })),
        ...accounts.map((account, i) => ({
          expected: i % 2 === 0 ? ["StoreRetries function=ledger/get-analytics 2"] : [],
          send: () => gateway.send("GET", `/v1/accounts/${account}/analytics`),
        })),
      ];
      const responses = await Promise.all(requests.map((request) => request.send()));
      const metrics = emf.take();
      responses.forEach((response, i) => {
        expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
        const id = response.headers["x-request-id"];
        const own = metrics.filter((metric) => metric.requestId === id);
        expect(described(own), `request ${i}`).toEqual(requests[i]?.expected);
      });
      const ids = new Set(responses.map((response) => response.headers["x-request-id"]));
      expect(metrics.every((metric) => ids.has(metric.requestId as string))).toBe(true);
    } finally {
      stop();
    }
  });
});
