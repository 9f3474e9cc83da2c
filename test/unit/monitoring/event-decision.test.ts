import { describe, expect, it } from "vitest";
import { decideEvent } from "#monitoring/core/event-decision";
import { parseRecordId, recordId } from "#monitoring/core/record-ids";
import { levelChanged, newUserRecord, type UserRecord } from "#monitoring/core/records";
import {
  fromAlertEntry,
  fromEntryState,
  fromEventEntry,
  toEventEntry,
  toLevelEntry,
} from "#monitoring/store/entry-item";

const AT = "2026-11-21T10:00:00.000Z";

/** Decides events one after another on one user's record, as committed writes would. */
function decideAll(record: UserRecord, events: Parameters<typeof decideEvent>[1][]) {
  let current = record;
  return events.map((event) => {
    const decision = decideEvent(current, event, AT);
    if (decision.outcome === "record") current = decision.nextRecord;
    return decision;
  });
}

describe("what recording an event decides", () => {
  it("numbers a user's first event 1, and the record after it with it", () => {
    const decision = decideEvent(
      newUserRecord(42),
      { type: "deposit", amountCents: 100, time: 5 },
      AT,
    );
    expect(decision).toEqual({
      outcome: "record",
      event: {
        eventId: "ev_42_000000000001",
        userId: 42,
        seq: 1,
        type: "deposit",
        amountCents: 100,
        time: 5,
        alertCodes: [],
        alertId: undefined,
        riskLevel: "medium",
        createdAt: AT,
      },
      nextRecord: expect.objectContaining({ userId: 42, seq: 1 }),
    });
  });

  it("raises an alert with the event's sequence when codes fire", () => {
    const record: UserRecord = { ...newUserRecord(7), seq: 6 };
    const decision = decideEvent(record, { type: "withdraw", amountCents: 10_001, time: 70 }, AT);
    expect(decision.outcome).toBe("record");
    if (decision.outcome !== "record") return;
    expect(decision.event).toMatchObject({
      eventId: "ev_7_000000000007",
      alertCodes: [1100],
      alertId: "al_7_000000000007",
    });
    expect(decision.alert).toEqual({
      alertId: "al_7_000000000007",
      eventId: "ev_7_000000000007",
      userId: 7,
      seq: 7,
      alertCodes: [1100],
      time: 70,
      createdAt: AT,
    });
    expect(decision.nextRecord).toMatchObject({ seq: 7 });
  });

  it("judges at the user's level and records that level on the event", () => {
    const high: UserRecord = { ...newUserRecord(1), level: "high" };
    const low: UserRecord = { ...newUserRecord(1), level: "low" };
    const withdrawal = { type: "withdraw" as const, amountCents: 6_000, time: 1 };
    const atHigh = decideEvent(high, withdrawal, AT);
    const atLow = decideEvent(low, withdrawal, AT);
    expect(atHigh.outcome === "record" && atHigh.event.alertCodes).toEqual([1100]);
    expect(atHigh.outcome === "record" && atHigh.event.riskLevel).toBe("high");
    expect(atLow.outcome === "record" && atLow.event.alertCodes).toEqual([]);
  });

  it("refuses an event older than the user's latest, and accepts one at the same time", () => {
    const [first, same, older] = decideAll(newUserRecord(3), [
      { type: "deposit", amountCents: 100, time: 50 },
      { type: "deposit", amountCents: 100, time: 50 },
      { type: "deposit", amountCents: 100, time: 49 },
    ]);
    expect(first?.outcome).toBe("record");
    expect(same?.outcome).toBe("record");
    expect(older).toEqual({ outcome: "out_of_order", latestTime: 50 });
  });
});

describe("the bound on time (API.md: at most 10 years past the user's first event)", () => {
  const TEN_YEARS = 10 * 365.25 * 86_400;

  it("remembers the first event's time and refuses a time more than 10 years past it", () => {
    const [first, atBound, past] = decideAll(newUserRecord(7), [
      { type: "deposit", amountCents: 100, time: 1_000 },
      { type: "deposit", amountCents: 100, time: 1_000 + TEN_YEARS },
      { type: "deposit", amountCents: 100, time: 1_000 + TEN_YEARS + 1 },
    ]);
    expect(first?.outcome === "record" && first.nextRecord.firstTime).toBe(1_000);
    expect(atBound?.outcome).toBe("record");
    expect(past).toEqual({ outcome: "too_far_ahead", latestAllowed: 1_000 + TEN_YEARS });
  });

  it("so one absurd first-time-ever value cannot be followed by a real event being refused", () => {
    // The schema caps time at 2100; within it, the first event fixes the window.
    const record = { ...newUserRecord(8), firstTime: null };
    const decision = decideEvent(record, { type: "deposit", amountCents: 1, time: 5 }, AT);
    expect(decision.outcome === "record" && decision.nextRecord.firstTime).toBe(5);
  });
});

describe("monitoring's ids and items", () => {
  it("ids name their user and sequence, and nothing else parses", () => {
    expect(recordId("event", 42, 7)).toBe("ev_42_000000000007");
    expect(parseRecordId("alert", "al_42_000000000007")).toEqual({ userId: 42, seq: 7 });
    expect(parseRecordId("event", "al_42_000000000007")).toBeUndefined();
    expect(parseRecordId("event", "ev_42_000000000000")).toBeUndefined();
    expect(parseRecordId("event", "ev_042_000000000001")).toBeUndefined();
  });

  it("maps records to entries and back unchanged", () => {
    const [decision] = decideAll({ ...newUserRecord(9), level: "high" }, [
      { type: "withdraw", amountCents: 6_000, time: 3 },
    ]);
    if (decision?.outcome !== "record" || !decision.alert) throw new Error("expected an alert");
    // The alert's webhook event rides on the entry: its attributes, gsi1 (the outbox's) among them.
    const webhookEvent = {
      webhook_event: { id: "evt_1", type: "monitoring.alert.raised" },
      status: "pending",
      created_at: AT,
      gsi1pk: "OUTBOX#webhook_event#pending#3",
    };
    const entry = toEventEntry(decision.event, decision.alert, decision.nextRecord, webhookEvent);
    expect(entry).toMatchObject({
      ...webhookEvent,
      pk: "MON#USER#9",
      sk: "ENTRY#000000000001",
      kind: "event",
      type: "withdraw",
      gsi3pk: "MON#ALERTS#1",
      gsi3sk: `${AT}#0000000000000009#000000000001`,
      gsi2pk: "MON#USER#9#ALERTS",
      gsi2sk: "000000000001",
    });
    expect(fromEventEntry(entry)).toEqual(decision.event);
    expect(fromAlertEntry(entry)).toEqual(decision.alert);
    expect(fromEntryState(entry)).toEqual(decision.nextRecord);
  });

  it("keeps an event without an alert off the alert indexes", () => {
    const [decision] = decideAll(newUserRecord(4), [
      { type: "deposit", amountCents: 100, time: 3 },
    ]);
    if (decision?.outcome !== "record") throw new Error("expected a record");
    const entry = toEventEntry(decision.event, undefined, decision.nextRecord);
    expect(Object.keys(entry).filter((name) => name.startsWith("gsi"))).toEqual([]);
    expect(fromAlertEntry(entry)).toBeUndefined();
    expect(fromEventEntry(entry)).toEqual(decision.event);
  });

  it("numbers a level change as the next entry, which holds no event or alert", () => {
    const record = { ...newUserRecord(5), seq: 3 };
    const entry = toLevelEntry(levelChanged(record, "low"));
    expect(entry).toMatchObject({ sk: "ENTRY#000000000004", kind: "level", level: "low" });
    expect(fromEntryState(entry)).toEqual({ ...record, seq: 4, level: "low" });
    expect(fromEventEntry(entry)).toBeUndefined();
    expect(fromAlertEntry(entry)).toBeUndefined();
  });
});
