import * as z from "zod";
import { OPERATOR_KEY_ID_PATTERN, OPERATOR_KEY_NAME_MAX } from "#operators/core/operator-key";
import { pathId } from "#platform/http/path-id";

/** A key's name: who or what holds it, printable text only. */
export const createOperatorKeyBody = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .max(OPERATOR_KEY_NAME_MAX)
    // No control characters in a name shown to staff and written to logs.
    .regex(/^[^\p{Cc}]*$/u, { error: "name must not contain control characters" })
    .meta({ description: "Who or what holds the key, e.g. back-office" }),
});

export const createdOperatorKey = z.strictObject({
  id: z.string(),
  name: z.string(),
  key: z.string().meta({ description: "The key: shown this once, stored only as a keyed hash" }),
  created_at: z.iso.datetime(),
});

export const operatorKeyView = z.strictObject({
  id: z.string(),
  name: z.string(),
  created_at: z.iso.datetime(),
  last_used_at: z.iso.datetime().nullable(),
  revoked_at: z.iso.datetime().nullable(),
});

export const operatorKeyParams = z.strictObject({
  key_id: pathId("operator_key", "opk_3q2Zk0cVtW8yNf1mHb5xRg", (id) =>
    OPERATOR_KEY_ID_PATTERN.test(id) ? id : undefined,
  ),
});
