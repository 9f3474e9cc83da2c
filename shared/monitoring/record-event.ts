import { monitoringMetrics } from "#monitoring/api/metrics";
import type { CreatedEventView, EventInput } from "#monitoring/api/schemas";
import { alertViewOf, createdEventViewOf } from "#monitoring/api/views";
import { decideEvent } from "#monitoring/core/event-decision";
import type { MoneyEvent } from "#monitoring/core/rules";
import { MONITORING_IDEMPOTENCY_SCOPE } from "#monitoring/store/keys";
import { readUserRecord, storeEvent } from "#monitoring/store/user-records";
import { clock, nowIso } from "#platform/clock";
import { backoff } from "#platform/db/backoff";
import { DomainError } from "#platform/errors";
import { type IdempotentResult, once, type RecordItems } from "#platform/idempotency/once";
import { countMetric } from "#platform/observability/invocation-metrics";
import { webhookEventPut } from "#webhooks";

// Losing the version race means another event of this user committed first: judge again on
// its result. Each loss is someone else's progress, so a burst of N events of one user needs
// up to N rounds; give up (503, try later) after a time budget counted from before the first
// read. No DynamoDB request starts after the budget, but the last one started may still run
// its course: on AWS up to ~6 s (the SDK's tries at 1.5 s timeouts, with backoff). So a
// budget of 3 s + one request's 6 s + 1 s for the rest (backoff, judging, answering) stays
// within the function's 10 s timeout; at AWS's tens of milliseconds per round, 3 s is still
// over a hundred rounds. DynamoDB Local (DYNAMODB_ENDPOINT set) runs transactions one at a
// time, a round can take hundreds of milliseconds on a busy machine, and no 10 s timeout
// applies to it: it gets 15 s, so a pile-up on a loaded CI machine still commits most events.
// The budget is elapsed time, measured by the process's own clock (`Date.now()`), not the
// service's "now" (`#platform/clock`), which a test may hold still.
const RETRY_BUDGET_MS = process.env.DYNAMODB_ENDPOINT ? 15_000 : 3_000;
const BACKOFF_BASE_MS = 5;
const BACKOFF_CAP_MS = 200;

/**
 * Judges an event against the user's rules and stores it with its alert, in one transaction
 * conditional on the user's state version: one GetItem and one TransactWriteItems per event
 * whatever the history. Concurrent events of a user are judged one by one in commit order.
 * Throws 409 `out_of_order` (storing nothing) for an event older than the user's latest. With
 * an `Idempotency-Key`, at most once per key: the key's record joins the event's transaction.
 */
export function recordEvent(
  input: EventInput,
  idempotencyKey?: string,
): Promise<IdempotentResult<CreatedEventView>> {
  const request = {
    scope: MONITORING_IDEMPOTENCY_SCOPE,
    key: idempotencyKey,
    operation: "monitoring.record_event",
    input,
  };
  return once(request, (records) => judgeAndStore(input, records));
}

async function judgeAndStore(input: EventInput, records: RecordItems) {
  const deadline = Date.now() + RETRY_BUDGET_MS;
  const inBudget = () => Date.now() < deadline;
  const event: MoneyEvent = { type: input.type, amountCents: input.amount, time: input.time };
  let record = await readUserRecord(input.user_id);
  for (let attempt = 1; inBudget(); attempt++) {
    const decision = decideEvent(record, event, nowIso());
    if (decision.outcome === "out_of_order") {
      throw new DomainError(
        "out_of_order",
        `The user's latest event is at time ${decision.latestTime}; this one is older`,
      );
    }
    if (decision.outcome === "too_far_ahead") {
      throw DomainError.invalid([
        {
          path: "time",
          message: `must be at most ${decision.latestAllowed}: 10 years past the user's first event`,
        },
      ]);
    }
    const body = createdEventViewOf(decision.event);
    const response = { status: 201, headers: { location: `/v1/events/${body.event_id}` }, body };
    const result = await storeEvent({
      readVersion: record.version,
      nextRecord: decision.nextRecord,
      event: decision.event,
      alert: decision.alert,
      // The idempotency record, and an alert's webhook event: they commit with the event or
      // not at all.
      alongside: [
        ...records(response),
        ...(decision.alert
          ? [webhookEventPut("monitoring.alert.raised", alertViewOf(decision.alert), clock.now())]
          : []),
      ],
    });
    if (result.stored) {
      for (const code of decision.event.alertCodes)
        countMetric(monitoringMetrics.AlertsRaised, { code: String(code) });
      return response;
    }
    // Full-jitter backoff: the losers of a round must not all come back as the next stampede.
    await backoff(attempt, BACKOFF_BASE_MS, BACKOFF_CAP_MS);
    if (result.current) {
      record = result.current;
    } else {
      if (!inBudget()) break;
      record = await readUserRecord(input.user_id);
    }
  }
  // Not the request's fault: the user's events pile up faster than they commit. Try later.
  throw DomainError.busy();
}
