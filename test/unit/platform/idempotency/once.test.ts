import { describe, expect, it } from "vitest";
import { registerRoute } from "#accounts";
import { createCouponRoute, redeemCouponRoute } from "#coupons";
import { createEventRoute } from "#monitoring";
import { optionalIdempotencyKeyHeaders } from "#platform/idempotency/header";
import { IdempotencyKeyTaken, onceRecordRef, throwIfKeyTaken } from "#platform/idempotency/once";
import { idempotencyRecordPut } from "#platform/idempotency/record";
import { createRaffleRoute } from "#raffles";

const response = { status: 201, headers: {}, body: { id: "x" } };
const record = idempotencyRecordPut({ scope: "S", key: "k" }, "fp", response, 0, "req-1");
const other = { Put: { TableName: "t", Item: { pk: "A", sk: "A" } } };

/** A cancelled transaction as the SDK throws it, one reason per item. */
const cancelled = (...codes: string[]) =>
  Object.assign(new Error("cancelled"), {
    name: "TransactionCanceledException",
    CancellationReasons: codes.map((Code) =>
      Code === "ConditionalCheckFailed"
        ? { Code, Item: { pk: { S: "IDEMPOTENCY#S" }, request_id: { S: "req-0" } } }
        : { Code },
    ),
  });

describe("throwIfKeyTaken", () => {
  it("throws the winner's record when the record's condition failed, whatever else failed", () => {
    const error = cancelled("ConditionalCheckFailed", "ConditionalCheckFailed");
    expect(() => throwIfKeyTaken(error, [other, record])).toThrow(IdempotencyKeyTaken);
    try {
      throwIfKeyTaken(error, [other, record]);
    } catch (taken) {
      expect((taken as IdempotencyKeyTaken).record).toMatchObject({ request_id: "req-0" });
    }
  });

  it("lets every other failure through to the store's own handling", () => {
    expect(() =>
      throwIfKeyTaken(cancelled("ConditionalCheckFailed", "None"), [other, record]),
    ).not.toThrow();
    expect(() => throwIfKeyTaken(cancelled("ConditionalCheckFailed"), [other])).not.toThrow();
    expect(() => throwIfKeyTaken(new Error("timeout"), [other, record])).not.toThrow();
  });
});

describe("the records of a scope", () => {
  it("spread over 16 partitions, one key always in the same one", () => {
    const partitions = new Set(
      Array.from({ length: 400 }, (_, i) => onceRecordRef("EVENTS", `key-${i}`).scope),
    );
    expect(partitions.size).toBe(16);
    expect(onceRecordRef("EVENTS", "k")).toEqual(onceRecordRef("EVENTS", "k"));
    expect(onceRecordRef("EVENTS", "k").key).toBe("k");
  });
});

describe("every creating route", () => {
  it.each([
    createRaffleRoute,
    registerRoute,
    createCouponRoute,
    redeemCouponRoute,
    createEventRoute,
  ])(
    "$method $path declares the optional Idempotency-Key, its 422 and its replay header",
    (route) => {
      expect(route.headers).toBe(optionalIdempotencyKeyHeaders);
      expect(route.errors).toContainEqual(
        expect.objectContaining({ status: 422, code: "idempotency_key_reused" }),
      );
      expect(route.responses[201]?.headers).toContain("Idempotent-Replayed");
    },
  );

  it("takes a request without the header, and refuses a malformed one", () => {
    expect(optionalIdempotencyKeyHeaders.safeParse({}).success).toBe(true);
    expect(optionalIdempotencyKeyHeaders.safeParse({ "Idempotency-Key": "a b" }).success).toBe(
      false,
    );
  });
});
