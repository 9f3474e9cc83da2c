import { monitoringMetrics } from "#monitoring/api/metrics";
import type { CreatedEventView, EventInput } from "#monitoring/api/schemas";
import { createdEventViewOf } from "#monitoring/api/views";
import { decideEvent } from "#monitoring/core/event-decision";
import type { AlertRecord, EventRecord, UserRecord } from "#monitoring/core/records";
import { readUserRecord, storeEvent } from "#monitoring/store/user-records";
import { nowIso } from "#platform/clock";
import { DomainError } from "#platform/errors";
import { countMetric } from "#platform/observability/invocation-metrics";
import { type Job, type Lane, Turns } from "#platform/turns";

// A user's events are judged in turn inside this process (#platform/turns), and the events
// waiting when a turn starts are judged one after another in it and stored in its one
// transaction (group commit): one process never races itself (before, 32 events of one user
// sent at once lost to each other round after round and took longer than the same 32 sent one
// after another). Another process (another Lambda instance) may still commit first: the turn
// is handed the winner's state by its failed condition and judged again at once, without
// sleeping (a loser that slept would wake to a state that moved on again). A request gives up
// (503 with Retry-After, nothing stored) once its budget is spent, counted from before it
// queued and spent waiting for its turn or trying: no try for it starts after it. The same
// budget everywhere: on AWS the last request started may run its course (the SDK's tries at
// 1.5 s timeouts, ~6 s), so 3 s + 6 s + 1 s for the rest stays within the function's 10 s
// timeout. The budget is elapsed time, measured by the process's own clock (`Date.now()`), not
// the service's "now" (`#platform/clock`), which a test may hold still.
const RETRY_BUDGET_MS = 3_000;
/** Events per transaction at most: the state, then an event and an alert each, within 100. */
const MAX_BATCH = 48;

/** An event waiting for its user's turn. */
type QueuedEvent = Job<EventInput, CreatedEventView>;

/**
 * Serves one turn of a user: the queued events judged one after another on the state the one
 * before leaves, stored in one transaction conditional on the version the turn started from.
 * An out-of-order event is answered 409 once the events before it are stored (it was judged on
 * them). A lost race is judged again at once on the state handed back; an event past its
 * budget is answered 503 (nothing stored) before the next try.
 */
async function serveTurn(key: string, jobs: QueuedEvent[], lane: Lane<UserRecord>) {
  const userId = Number(key);
  let record = lane.memory ?? (await readUserRecord(userId));
  let open = jobs;
  while (open.length > 0) {
    let running = record;
    const stored: { job: QueuedEvent; event: EventRecord; alert?: AlertRecord | undefined }[] = [];
    const refused: { job: QueuedEvent; latestTime: number | null }[] = [];
    for (const job of open) {
      const { type, amount, time } = job.item;
      const decision = decideEvent(running, { type, amountCents: amount, time }, nowIso());
      if (decision.outcome === "out_of_order") {
        refused.push({ job, latestTime: decision.latestTime });
        continue;
      }
      stored.push({ job, event: decision.event, alert: decision.alert });
      running = decision.nextRecord;
    }
    const answerRefusals = () => {
      for (const { job, latestTime } of refused) {
        job.settle({
          error: new DomainError(
            "out_of_order",
            `The user's latest event is at time ${latestTime}; this one is older`,
          ),
        });
      }
    };
    if (stored.length === 0) {
      answerRefusals();
      return;
    }
    const result = await storeEvent({
      readVersion: record.version,
      nextRecord: running,
      events: stored.map(({ event, alert }) => ({ event, alert })),
    });
    if (result.stored) {
      lane.memory = running;
      for (const { job, event } of stored) {
        for (const code of event.alertCodes)
          countMetric(monitoringMetrics.AlertsRaised, { code: String(code) });
        job.settle({ ran: true, value: createdEventViewOf(event) });
      }
      answerRefusals();
      return;
    }
    record = result.current ?? (await readUserRecord(userId));
    lane.memory = record;
    // Past its budget an event is told to come back; nothing of it was stored.
    const now = Date.now();
    open = open.filter((job) => {
      if (now < job.deadline) return true;
      job.settle({ ran: false });
      return false;
    });
  }
}

const userTurns = new Turns<EventInput, CreatedEventView, UserRecord>(MAX_BATCH, serveTurn);

/**
 * Judges an event against the user's rules and stores it with its alert, in one transaction
 * conditional on the user's state version: one GetItem per turn and one TransactWriteItems per
 * turn (an event alone: one of each), whatever the history. Concurrent events of a user are
 * judged one by one in commit order. Throws 409 `out_of_order` (storing nothing) for an event
 * older than the user's latest; 503 when the budget runs out.
 */
export async function recordEvent(input: EventInput): Promise<CreatedEventView> {
  const deadline = Date.now() + RETRY_BUDGET_MS;
  const turn = await userTurns.submit(String(input.user_id), input, deadline);
  // Not the request's fault: the user's events pile up faster than they commit. Try later.
  if (!turn.ran) throw DomainError.busy();
  return turn.value;
}
