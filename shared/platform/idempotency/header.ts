import * as z from "zod";

/** The request header that makes a write safe to repeat. */
export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

/** 1–255 visible ASCII characters (no space, no control character). */
const idempotencyKey = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? `The ${IDEMPOTENCY_KEY_HEADER} header is required`
        : "Must be a string",
  })
  .regex(/^[\x21-\x7e]{1,255}$/, "Must be 1–255 visible ASCII characters")
  .meta({
    description:
      "Makes the request safe to repeat for 24 hours: the same key with the same body returns " +
      "the original response with `Idempotent-Replayed: true`; with another body it is 422 " +
      "`idempotency_key_reused`. 1–255 visible ASCII characters.",
    example: "8e03978e-40d5-43e8-bc93-6894a57f9324",
  });

/** The `headers` schema of a route that requires an `Idempotency-Key`. */
export const idempotencyKeyHeaders = z.object({ [IDEMPOTENCY_KEY_HEADER]: idempotencyKey });

/** The `headers` schema of a creating route whose `Idempotency-Key` is optional. */
export const optionalIdempotencyKeyHeaders = z.object({
  [IDEMPOTENCY_KEY_HEADER]: idempotencyKey.optional(),
});

/** The error a route with an `Idempotency-Key` declares (its `errors`). */
export const idempotencyKeyReused = {
  status: 422,
  code: "idempotency_key_reused",
  description: "This Idempotency-Key was used with another request within 24 hours",
};
