import type { DynamoDBRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { outboxFilters } from "#platform/outbox/stream-filter";
import { statusShards, workShard } from "#platform/outbox/work-item";
import { matchesPattern, passesFilters } from "../../../../infra/local/event-filter";

const record = (
  eventName: DynamoDBRecord["eventName"],
  status: string,
  oldStatus?: string,
  kind = "sms",
): DynamoDBRecord => ({
  eventName,
  dynamodb: {
    NewImage: { outbox_kind: { S: kind }, status: { S: status } },
    ...(oldStatus ? { OldImage: { outbox_kind: { S: kind }, status: { S: oldStatus } } } : {}),
  },
});

describe("the outbox's stream filter", () => {
  const filters = outboxFilters("sms");

  it("passes new pending work and re-queued work of its kind, nothing else", () => {
    expect(passesFilters(filters, record("INSERT", "pending"))).toBe(true);
    expect(passesFilters(filters, record("MODIFY", "pending", "failed"))).toBe(true);
    expect(passesFilters(filters, record("INSERT", "skipped"))).toBe(false);
    expect(passesFilters(filters, record("INSERT", "pending", undefined, "email"))).toBe(false);
    // A claim, a release, the result: none of them invokes the consumer again.
    expect(passesFilters(filters, record("MODIFY", "pending", "pending"))).toBe(false);
    expect(passesFilters(filters, record("MODIFY", "sent", "pending"))).toBe(false);
    expect(passesFilters(filters, record("MODIFY", "failed", "pending"))).toBe(false);
    expect(passesFilters(filters, { eventName: "REMOVE", dynamodb: {} })).toBe(false);
  });

  it("fits Lambda's limits: at most 5 filters, each under 4 KB", () => {
    expect(filters.length).toBeLessThanOrEqual(5);
    for (const filter of filters) expect(JSON.stringify(filter).length).toBeLessThan(4096);
  });
});

describe("the local runner's pattern matching", () => {
  it("matches like Lambda: every field named, any listed value, lists in the event", () => {
    expect(matchesPattern({ a: ["x", "y"] }, { a: "y", b: 1 })).toBe(true);
    expect(matchesPattern({ a: ["x"] }, { b: "x" })).toBe(false);
    expect(matchesPattern({ a: { b: [1] } }, { a: { b: 1 } })).toBe(true);
    expect(matchesPattern({ a: { b: [1] } }, { a: "b" })).toBe(false);
    expect(matchesPattern({ tags: ["red"] }, { tags: ["blue", "red"] })).toBe(true);
  });

  it("refuses a content-filter operator it would not judge as Lambda does", () => {
    expect(() => matchesPattern({ a: [{ prefix: "x" }] } as never, { a: "xy" })).toThrow(
      /exact values only/,
    );
  });
});

describe("work shards", () => {
  it("spread ids over 8 stable shards", () => {
    expect(statusShards("sms", "failed")).toHaveLength(8);
    const counts = Array(8).fill(0);
    for (let i = 0; i < 8000; i++) counts[workShard(`nt_${i}`)]++;
    for (const count of counts) expect(count).toBeGreaterThan(800);
    expect(workShard("nt_42")).toBe(workShard("nt_42"));
  });
});
