import { monitoringMetrics } from "#monitoring/api/metrics";
import type { CreatedEventView, EventInput } from "#monitoring/api/schemas";
import { createdEventViewOf } from "#monitoring/api/views";
import { decideEvent } from "#monitoring/core/event-decision";
import type { UserRecord } from "#monitoring/core/records";
import type { MoneyEvent } from "#monitoring/core/rules";
import { readUserRecord, storeEvent } from "#monitoring/store/user-records";
import { nowIso } from "#platform/clock";
import { DomainError } from "#platform/errors";
import { countMetric } from "#platform/observability/invocation-metrics";
import { type Lane, Turns } from "#platform/turns";

// A user's events are judged in turn inside this process (#platform/turns): each is sent once,
// on the state the previous one left, so one process never races itself (before, 32 events of
// one user sent at once lost to each other round after round and took longer than the same 32
// sent one after another). Another process (another Lambda instance) may still commit first:
// the loser is handed the winner's state by its failed condition and is judged again at once,
// without sleeping (a loser that slept would wake to a state that moved on again). A request
// gives up (503 with Retry-After, nothing stored) once its budget is spent, counted from before
// its first read and spent waiting for its turn or trying: no request to DynamoDB starts after
// it. The same budget everywhere: on AWS the last request started may run its course (the
// SDK's tries at 1.5 s timeouts, ~6 s), so 3 s + 6 s + 1 s for the rest stays within the
// function's 10 s timeout; at tens of milliseconds per event that is a queue of ~100 events of
// one user. The budget is elapsed time, measured by the process's own clock (`Date.now()`), not
// the service's "now" (`#platform/clock`), which a test may hold still.
const RETRY_BUDGET_MS = 3_000;

/** What a user's lane remembers between turns: the newest state seen (committed or handed back). */
const userTurns = new Turns<UserRecord>();

/**
 * Judges an event against the user's rules and stores it with its alert, in one transaction
 * conditional on the user's state version: one GetItem (none while the user's lane holds the
 * state a previous turn left) and one TransactWriteItems per event, whatever the history.
 * Concurrent events of a user are judged one by one in commit order. Throws 409 `out_of_order`
 * (storing nothing) for an event older than the user's latest; 503 when the budget runs out.
 */
export async function recordEvent(input: EventInput): Promise<CreatedEventView> {
  const deadline = Date.now() + RETRY_BUDGET_MS;
  const turn = await userTurns.run(String(input.user_id), deadline, (lane) =>
    judgeInTurn(input, deadline, lane),
  );
  // Not the request's fault: the user's events pile up faster than they commit. Try later.
  if (!turn.ran) throw DomainError.busy();
  return turn.value;
}

async function judgeInTurn(
  input: EventInput,
  deadline: number,
  lane: Lane<UserRecord>,
): Promise<CreatedEventView> {
  const event: MoneyEvent = { type: input.type, amountCents: input.amount, time: input.time };
  let record = lane.memory ?? (await readUserRecord(input.user_id));
  for (;;) {
    const decision = decideEvent(record, event, nowIso());
    if (decision.outcome === "out_of_order") {
      throw new DomainError(
        "out_of_order",
        `The user's latest event is at time ${decision.latestTime}; this one is older`,
      );
    }
    const result = await storeEvent({
      readVersion: record.version,
      nextRecord: decision.nextRecord,
      event: decision.event,
      alert: decision.alert,
    });
    if (result.stored) {
      lane.memory = decision.nextRecord;
      for (const code of decision.event.alertCodes)
        countMetric(monitoringMetrics.AlertsRaised, { code: String(code) });
      return createdEventViewOf(decision.event);
    }
    if (Date.now() >= deadline) break;
    record = result.current ?? (await readUserRecord(input.user_id));
    lane.memory = record;
  }
  throw DomainError.busy();
}
