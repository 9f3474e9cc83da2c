import * as z from "zod";
import { isAccountId } from "#accounts";
import { parseTransactionId, transactionId, transactionTypes } from "#ledger/core/transaction";
import { MAX_AMOUNT_CENTS } from "#ledger/core/wallet";
import { transactionNotificationView } from "#notifications";
import { clock } from "#platform/clock";
import { pageQuery } from "#platform/http/page";
import { pathId } from "#platform/http/path-id";
import { parseDecimalCents } from "#platform/money/cents";

/** How far in the future a transaction may say it occurred (clocks differ a little). */
const MAX_FUTURE_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const codePoints = (text: string) => [...text].length;

/** `amount`: decimal text only (a JSON number is refused: binary floats are not money). */
const amountCents = z
  .string({ error: 'Amount must be a decimal string, e.g. "12.50"' })
  .transform((text, context) => {
    const parsed = parseDecimalCents(text, MAX_AMOUNT_CENTS);
    if (parsed.ok) return parsed.cents;
    context.issues.push({ code: "custom", message: parsed.message, input: text });
    return z.NEVER;
  })
  .meta({
    description: "A decimal string > 0 with at most two decimals, at most 1000000000.00",
    example: "12.50",
  });

/** 1–200 characters, counted as code points, surrounding spaces removed. */
const description = z
  .string()
  .trim()
  .refine((text) => codePoints(text) >= 1, "Must not be empty")
  .refine((text) => codePoints(text) <= 200, "Must be at most 200 characters")
  .meta({ minLength: 1, maxLength: 200 });

// Sub-millisecond digits would be dropped silently when stored: refuse them instead.
const finerThanMilliseconds = (text: string) => /\.\d{4,}/.test(text);
const isoInstant = z.iso
  .datetime({
    offset: true,
    error: "Must be an ISO 8601 time with an offset, e.g. 2026-11-30T09:00:00Z",
  })
  .refine((text) => !finerThanMilliseconds(text), "At most millisecond precision");

/** `occurred_at`: an ISO time with offset, from 1970 on, at most 5 minutes ahead; in epoch ms. */
const occurredAt = isoInstant
  .transform((text) => Date.parse(text))
  .refine((ms) => ms >= 0, "Must be 1970-01-01T00:00:00Z or later")
  .refine((ms) => ms <= clock.now() + MAX_FUTURE_MS, "Must be at most 5 minutes in the future")
  .meta({ description: "When it happened; default now", example: "2026-11-30T09:00:00Z" });

/** The body of a posting; `occurred_at` stays absent when not given (the fingerprint needs that). */
export const postingBody = z.strictObject({
  type: z.enum(transactionTypes),
  amount: amountCents,
  description: description.optional(),
  occurred_at: occurredAt.optional(),
});
export type PostingInput = z.output<typeof postingBody>;

/** A list bound: an ISO time with offset, or a UTC day (its first or last millisecond). */
const bound = (edge: "from" | "to") =>
  z
    .union([z.iso.date(), isoInstant], {
      error: "Must be an ISO 8601 time with an offset, or a date such as 2026-11-30",
    })
    .transform((text) => {
      const ms = Date.parse(text);
      return text.length === 10 && edge === "to" ? ms + DAY_MS - 1 : ms;
    })
    .meta({
      description: `On created_at (the commit time), inclusive; a date means its ${edge === "from" ? "first" : "last"} millisecond (UTC)`,
    });

export const listQuery = pageQuery
  .extend({
    type: z.enum(transactionTypes).optional(),
    from: bound("from").optional(),
    to: bound("to").optional(),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
    path: ["to"],
    message: "Must not be before from",
  });
export type ListQuery = z.output<typeof listQuery>;

const accountId = pathId("account", "a_Qe1oWLpNuHVMzxV3iXQr0A", (id) =>
  isAccountId(id) ? id : undefined,
);
const transactionIdParam = pathId(
  "transaction",
  transactionId({ createdAtMs: Date.UTC(2026, 10, 30, 9), sequence: 7 }),
  parseTransactionId,
);

export const accountParams = z.object({ account_id: accountId });
export const accountTransactionParams = z.object({
  account_id: accountId,
  transaction_id: transactionIdParam,
});
export const ownTransactionParams = z.object({ transaction_id: transactionIdParam });

const money = (example: string) =>
  z.string().meta({ description: "Decimal text with two decimals", example });

/** A transaction as clients see it. */
export const transactionView = z
  .object({
    id: z.string(),
    account_id: z.string(),
    sequence: z
      .number()
      .int()
      .min(1)
      .describe(
        "The transaction's place in its wallet's statement: 1 for the first, then exactly 1 more for each, in commit order",
      ),
    type: z.enum(transactionTypes),
    amount: money("12.50"),
    currency: z.string().meta({ description: "ISO 4217", example: "USD" }),
    balance_after: money("112.50").describe(
      "The balance right after this transaction: the previous transaction's balance_after plus (credit) or minus (debit) the amount",
    ),
    description: z.string().nullable(),
    occurred_at: z.iso
      .datetime()
      .describe(
        "The business time the client stated (default: the request's); analytics count by it",
      ),
    created_at: z.iso
      .datetime()
      .describe("The commit time: never decreases along the sequence; `from`/`to` filter on it"),
    notification: transactionNotificationView
      .nullable()
      .meta({ description: "The SMS of this transaction, as it stands now" }),
  })
  .meta({ id: "Transaction" });
export type TransactionView = z.output<typeof transactionView>;

/** A wallet's analytics, kept current by every posting. */
export const analyticsView = z
  .object({
    account_id: z.string(),
    currency: z.string(),
    balance: money("112.50"),
    transaction_count: z.number().int(),
    credit_count: z.number().int(),
    debit_count: z.number().int(),
    total_credited: money("150.00"),
    total_debited: money("37.50"),
    average_transaction_value: money("26.79").describe(
      "Mean amount of all transactions, rounded half up to the cent",
    ),
    busiest_day: z
      .object({ date: z.iso.date(), transaction_count: z.number().int() })
      .nullable()
      .describe("The UTC day of occurred_at with the most transactions; ties go to the earliest"),
    credit_score: z
      .number()
      .int()
      .min(1)
      .max(5)
      .nullable()
      .describe("clamp(⌊average × 5 / 100⌋, 1, 5); null with no transactions"),
  })
  .meta({ id: "Analytics" });
export type AnalyticsView = z.output<typeof analyticsView>;
