import { describe, expect, it } from "vitest";
import { postTransactionRoute } from "#ledger/api/routes";
import { requestFingerprint } from "#platform/idempotency/fingerprint";
import { idempotencyKeyHeaders } from "#platform/idempotency/header";
import {
  IDEMPOTENCY_TTL_MS,
  idempotencyRecordPut,
  idempotentResult,
  judgeIdempotency,
} from "#platform/idempotency/record";

const fingerprint = (input: unknown) => requestFingerprint("op", input);

describe("request fingerprints", () => {
  it("ignore field order and absent fields, at every depth", () => {
    expect(fingerprint({ a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(
      fingerprint({ b: { c: [1, { e: 3, d: 2 }] }, a: 1, z: undefined }),
    );
  });

  it("differ for different values, array orders, operations", () => {
    const base = fingerprint({ a: 1, list: [1, 2] });
    expect(fingerprint({ a: 2, list: [1, 2] })).not.toBe(base);
    expect(fingerprint({ a: 1, list: [2, 1] })).not.toBe(base);
    expect(fingerprint({ a: "1", list: [1, 2] })).not.toBe(base);
    expect(requestFingerprint("other", { a: 1, list: [1, 2] })).not.toBe(base);
  });
});

describe("the Idempotency-Key header", () => {
  it.each(["a", "k".repeat(255), "8e03978e-40d5-43e8-bc93-6894a57f9324", "!~#%&*"])(
    "accepts %j",
    (key) => {
      expect(idempotencyKeyHeaders.safeParse({ "Idempotency-Key": key }).success).toBe(true);
    },
  );

  it.each([undefined, "", "k".repeat(256), "a b", "ключ", "a\nb", "\u007f"])(
    "refuses %j",
    (key) => {
      expect(idempotencyKeyHeaders.safeParse({ "Idempotency-Key": key }).success).toBe(false);
    },
  );
});

describe("judging a request against its key's record", () => {
  const now = Date.UTC(2026, 0, 1);
  const response = { status: 201, headers: { location: "/x" }, body: { id: "x" } };
  const stored = (idempotencyRecordPut({ scope: "s", key: "k" }, "fp", response, now).Put?.Item ??
    {}) as Record<string, unknown>;

  it("is new without a record, or once the record has expired", () => {
    expect(judgeIdempotency(undefined, "fp", now)).toEqual({ kind: "new" });
    expect(judgeIdempotency(stored, "fp", now + IDEMPOTENCY_TTL_MS + 1000)).toEqual({
      kind: "new",
    });
  });

  it("replays the stored response for the same fingerprint within 24 hours", () => {
    expect(judgeIdempotency(stored, "fp", now + IDEMPOTENCY_TTL_MS - 1000)).toEqual({
      kind: "replay",
      response,
    });
  });

  it("refuses another fingerprint with idempotency_key_reused (the posting route's 422)", () => {
    expect(() => judgeIdempotency(stored, "other", now)).toThrow(
      expect.objectContaining({ code: "idempotency_key_reused" }),
    );
    const declared = postTransactionRoute.errors?.find(
      (error) => error.code === "idempotency_key_reused",
    );
    expect(declared?.status).toBe(422);
  });

  it("says a replay is one", () => {
    expect(idempotentResult(response, true).headers).toEqual({
      "content-type": "application/json",
      location: "/x",
      "idempotent-replayed": "true",
    });
    expect(idempotentResult(response, false).headers).not.toHaveProperty("idempotent-replayed");
  });
});
