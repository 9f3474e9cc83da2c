import * as z from "zod";
import { parseAmount } from "#monitoring/core/amount";
import {
  parseRecordId,
  type RecordKind,
  recordId,
  USER_ID_PATTERN,
} from "#monitoring/core/record-ids";
import { riskLevels } from "#monitoring/core/risk-limits";
import { eventTypes } from "#monitoring/core/rules";
import { pageQuery } from "#platform/http/page";
import { pathId } from "#platform/http/path-id";

const nonNegativeInteger = (what: string) =>
  z
    .number({ error: `${what} must be a non-negative integer` })
    .int({ error: `${what} must be a non-negative integer` })
    .min(0, { error: `${what} must be a non-negative integer` });

/** `amount`: a decimal string or number, exact to the cent; turned into integer cents. */
const amountCents = z
  .union([z.string(), z.number()], {
    error: 'Amount must be a decimal string or number, e.g. "42.00"',
  })
  .transform((value, ctx) => {
    const parsed = parseAmount(value);
    if (parsed.ok) return parsed.cents;
    ctx.issues.push({ code: "custom", message: parsed.message, input: value });
    return z.NEVER;
  })
  .meta({ description: "A decimal > 0 with at most two decimals, at most 1000000000000" });

/**
 * The largest `time` accepted: 2100-01-01T00:00:00Z in Unix seconds. Clients send either small
 * counters or Unix seconds; a time past this can only be a mistake or an attempt to blind the
 * user's monitoring (every later real event would be `out_of_order`), so it is a 422 and nothing
 * is stored. Within it, API.md's bound relative to the user's first event (10 years past it) is
 * judged on the user's state (core/event-decision.ts), also a 422.
 */
export const MAX_EVENT_TIME = 4_102_444_800;

const eventFields = {
  type: z.enum(eventTypes),
  amount: amountCents,
  user_id: nonNegativeInteger("user_id"),
  time: nonNegativeInteger("time")
    .max(MAX_EVENT_TIME, { error: `time must be at most ${MAX_EVENT_TIME}` })
    .meta({
      description:
        "Seconds; never below the user's latest, at most 10 years past the user's first and at most 4102444800 (2100)",
    }),
};

/** `deposit` as a pattern of any letter case: `^([dD][eE]…)$`, so the document says it exactly. */
const anyCasePattern = (words: readonly string[]) =>
  `^(${words.map((word) => [...word].map((c) => `[${c}${c.toUpperCase()}]`).join("")).join("|")})$`;

/** `type` as the original event API's clients send it: in any letter case (`"DEPOSIT"`). */
const anyCaseEventType = z
  .string()
  .transform((type) => type.toLowerCase())
  .pipe(z.enum(eventTypes))
  .meta({
    description: `${eventTypes.join(" or ")}, in any letter case`,
    pattern: anyCasePattern(eventTypes),
  });

/** The body of `POST /v1/events`: strict, like every body. */
export const eventBody = z.strictObject(eventFields);

/**
 * The body of `POST /event`: unknown fields are ignored and `type` may be in any case, for the
 * original API's clients.
 */
export const legacyEventBody = z.object({ ...eventFields, type: anyCaseEventType });

export type EventInput = z.output<typeof eventBody>;

/** A user id in a path or query: a canonical non-negative integer. */
const userIdText = z
  .string()
  .regex(USER_ID_PATTERN, { error: "user_id must be a non-negative integer" })
  .transform(Number)
  .pipe(z.number().int());

export const userParams = z.object({ user_id: userIdText });
/**
 * An event or alert id in a path, checked once and turned into the user and sequence it names
 * (its key). An id no event or alert can have (malformed, sequence 0, user id beyond 2^53) is
 * a 404, like one that names nothing.
 */
const recordIdParam = (kind: RecordKind) =>
  pathId(kind, recordId(kind, 42, 1), (id) => parseRecordId(kind, id));

export const eventParams = z.object({ event_id: recordIdParam("event") });
export const alertParams = z.object({ alert_id: recordIdParam("alert") });
export const alertsQuery = pageQuery.extend({ user_id: userIdText.optional() });

export const riskBody = z.strictObject({ level: z.enum(riskLevels) });
export const riskView = z
  .object({ user_id: z.number().int(), level: z.enum(riskLevels) })
  .meta({ id: "Risk" });

const alertCodesField = z.array(z.number().int()).meta({ description: "Ascending" });

export const createdEventView = z.object({
  event_id: z.string(),
  user_id: z.number().int(),
  alert: z.boolean(),
  alert_codes: alertCodesField,
  alert_id: z.string().nullable(),
});
export type CreatedEventView = z.output<typeof createdEventView>;

export const legacyEventResult = createdEventView.pick({
  alert: true,
  alert_codes: true,
  user_id: true,
});

export const eventView = createdEventView.extend({
  type: z.enum(eventTypes),
  amount: z.string().meta({ description: 'Two decimals, e.g. "42.00"' }),
  time: z.number().int(),
  risk_level: z.enum(riskLevels).meta({ description: "The level the event was judged at" }),
  created_at: z.iso.datetime(),
});
export type EventView = z.output<typeof eventView>;

export const alertView = z.object({
  alert_id: z.string(),
  event_id: z.string(),
  user_id: z.number().int(),
  alert_codes: alertCodesField,
  time: z.number().int(),
  created_at: z.iso.datetime(),
});
export type AlertView = z.output<typeof alertView>;
