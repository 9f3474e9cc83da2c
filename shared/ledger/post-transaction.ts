import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { type AccountRecord, accountItemKey, fromAccountItem } from "#accounts";
import { ledgerMetrics } from "#ledger/api/metrics";
import type { PostingInput } from "#ledger/api/schemas";
import { toTransactionView } from "#ledger/api/views";
import { ledgerCurrency } from "#ledger/core/currency";
import { type PostingBefore, planPosting } from "#ledger/core/posting";
import { createdAtOf, transactionId, transactionLocation } from "#ledger/core/transaction";
import { type Refusal, utcDate, type Wallet } from "#ledger/core/wallet";
import { fromDayCountItem } from "#ledger/store/day-count-item";
import { ledgerKeys } from "#ledger/store/keys";
import { type BatchRole, batchItems, type PostingWrite } from "#ledger/store/posting-items";
import { fromWalletItem } from "#ledger/store/wallet-item";
import { transactionNotification } from "#notifications";
import { clock } from "#platform/clock";
import { batchGetNamed } from "#platform/db/batches";
import { db } from "#platform/db/client";
import { isTransactionConflict, StoreUnavailableError } from "#platform/db/store-errors";
import { type CancellationReason, cancellationReasons } from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import { requestFingerprint } from "#platform/idempotency/fingerprint";
import {
  type IdempotencyRef,
  idempotencyRecordKey,
  judgeIdempotency,
  type StoredResponse,
} from "#platform/idempotency/record";
import { countMetric } from "#platform/observability/invocation-metrics";
import { type Job, type Lane, Turns } from "#platform/turns";
import { webhookEventPut } from "#webhooks";

// Postings to one wallet are served in turn inside this process (#platform/turns), and the
// postings waiting when a turn starts share its one transaction (group commit): each is decided
// on the state the one before it leaves, so one process never races itself, and a queue of N
// costs about one write per turn, not N. Another process (another Lambda instance) can still
// commit between two turns: the turn is handed the winner's wallet by its failed condition and
// tries again at once, without sleeping (the handed-back wallet is the newest there is; a loser
// that slept woke to a wallet that had moved on again, and with two busy writers could lose for
// as long as the other kept posting: the 13 s waits of issue 18). A posting gives up, storing
// nothing, with 503 and Retry-After, once its budget is spent, counted from before its first
// read and spent waiting for its turn or trying: no attempt for it starts after it. The same
// budget everywhere: on AWS the last attempt's SDK tries (1.5 s timeouts) still end inside the
// function's 10 s timeout, and locally a queue that cannot be served within it is told to come
// back rather than left waiting for tens of seconds.
/** The time budget of one posting, in milliseconds (tests may lower it). */
export const postingRetryBudget = { ms: 3_000 };
/**
 * Postings per transaction at most: wallet and account, then up to 5 items each (day count,
 * transaction, idempotency record, SMS, webhook event) stay within DynamoDB's 100.
 */
const MAX_BATCH = 19;

/** What a wallet's lane remembers between turns: the newest wallet and day counts seen. */
interface WalletMemory {
  wallet: Wallet;
  /** Day counts by date, each as seen last: counts only grow, so each is a lower bound. */
  dayCounts: Map<string, number>;
}

/** What a posting reads, in one BatchGetItem; what a lost race hands back replaces parts. */
interface PostingState {
  account: AccountRecord | undefined;
  wallet: Wallet;
  dayCount: number;
  record: Record<string, unknown> | undefined;
}

/** The result of a posting: its response, and whether it is a replay of an earlier one. */
export interface PostingResult {
  response: StoredResponse;
  replayed: boolean;
}

/** Reads the account, its wallet, the day's count and the key's record: one BatchGetItem. */
async function readState(accountId: string, date: string, ref: IdempotencyRef) {
  const items = await batchGetNamed({
    account: accountItemKey(accountId),
    wallet: ledgerKeys.wallet(accountId),
    day: ledgerKeys.day(accountId, date),
    record: idempotencyRecordKey(ref),
  });
  return {
    account: items.account ? fromAccountItem(items.account) : undefined,
    wallet: fromWalletItem(accountId, ledgerCurrency, items.wallet),
    dayCount: fromDayCountItem(items.day),
    record: items.record,
  } satisfies PostingState;
}

/**
 * The cancellation reasons of a transaction that lost a race: failed conditions, or conflicts
 * with concurrent transactions that outlasted the client's own retries (no reasons: tried again
 * as it was; its conditions then tell what changed). Any other error is rethrown.
 */
function lostRace(error: unknown): CancellationReason[] {
  if (error instanceof StoreUnavailableError && isTransactionConflict(error.cause)) return [];
  const reasons = cancellationReasons(error);
  if (!reasons?.some((reason) => reason.code === "ConditionalCheckFailed")) throw error;
  return reasons;
}

/** A validated posting request: its input, when it occurred, and its idempotency key. */
export interface PostingRequest {
  input: PostingInput;
  occurredAtMs: number;
  idempotency: { ref: IdempotencyRef; fingerprint: string };
}

/**
 * Decides a posting on what was read: the core's plan, the SMS of its transaction (notifications
 * decides whether and to whom) and the response it will give, ready for `postingItems`; or why
 * the balance refuses it.
 */
export function decidePosting(
  request: PostingRequest,
  account: AccountRecord,
  before: PostingBefore,
  nowMs: number,
): PostingWrite | Refusal {
  const { input, occurredAtMs } = request;
  const plan = planPosting(
    account.id,
    {
      type: input.type,
      amountCents: input.amount,
      description: input.description ?? null,
      occurredAtMs,
    },
    before,
    nowMs,
  );
  if (typeof plan === "string") return plan;
  const { transaction } = plan;
  const plain = toTransactionView(transaction, null);
  const notification = transactionNotification(
    { name: account.name, phone: account.phone, smsNotifications: account.sms_notifications },
    {
      accountId: account.id,
      transactionId: transactionId(transaction.ref),
      type: transaction.type,
      amount: plain.amount,
      balanceAfter: plain.balance_after,
      currency: transaction.currency,
      createdAt: createdAtOf(transaction),
    },
  );
  const response: StoredResponse = {
    status: 201,
    headers: { location: transactionLocation(account.id, transaction.ref) },
    body: { ...plain, notification: notification.view },
  };
  return {
    plan,
    idempotency: { ...request.idempotency, response },
    notification: notification.transactItem,
    nowMs,
  };
}

const refused = {
  insufficient_funds: () =>
    new DomainError("insufficient_funds", "The balance is lower than the debit"),
  balance_limit_exceeded: () =>
    new DomainError(
      "balance_limit_exceeded",
      "The credit would take the balance above 1000000000000.00",
    ),
};

/** A posting waiting for its wallet's turn: the request and what it read. */
interface QueuedPosting {
  request: PostingRequest;
  date: string;
  read: PostingState;
}

/** What a turn knows of the wallet: the newest wallet, day counts and each key's record. */
interface TurnState {
  wallet: Wallet;
  dayCounts: Map<string, number>;
}

/** The newest of what the queued postings read and what the lane remembers. */
function newestState(jobs: Job<QueuedPosting, PostingResult>[], memory: WalletMemory | undefined) {
  const state: TurnState = {
    wallet: memory?.wallet ?? (jobs[0] as Job<QueuedPosting, PostingResult>).item.read.wallet,
    dayCounts: new Map(memory?.dayCounts),
  };
  for (const { item } of jobs) {
    if (item.read.wallet.transactionCount > state.wallet.transactionCount) {
      state.wallet = item.read.wallet;
    }
    const known = state.dayCounts.get(item.date) ?? 0;
    state.dayCounts.set(item.date, Math.max(known, item.read.dayCount));
  }
  return state;
}

/** Reads the wallet and the given days' counts again: one BatchGetItem. */
async function readWalletAndDays(accountId: string, dates: string[]): Promise<TurnState> {
  const keys: Record<string, { pk: string; sk: string }> = {
    wallet: ledgerKeys.wallet(accountId),
  };
  for (const date of dates) keys[`day:${date}`] = ledgerKeys.day(accountId, date);
  const items = await batchGetNamed(keys);
  return {
    wallet: fromWalletItem(accountId, ledgerCurrency, items.wallet),
    dayCounts: new Map(dates.map((date) => [date, fromDayCountItem(items[`day:${date}`])])),
  };
}

/**
 * Serves one turn of a wallet: the queued postings, decided one after another on the newest
 * state and written in one TransactWriteItems. Replays, reused keys and refusals are answered
 * without a write (a refusal once the postings before it are committed: it was decided on
 * them). A lost race (another process committed first) updates the state from what the failed
 * conditions handed back and tries again at once; a posting whose budget is spent is answered
 * 503 (nothing stored) before the next try.
 */
async function serveTurn(
  accountId: string,
  jobs: Job<QueuedPosting, PostingResult>[],
  lane: Lane<WalletMemory>,
) {
  const state = newestState(jobs, lane.memory);
  const records = new Map(jobs.map((job) => [job, job.item.read.record]));
  let open = [...jobs];
  while (open.length > 0) {
    const nowMs = clock.now();
    let wallet = state.wallet;
    const dayCounts = new Map(state.dayCounts);
    const writes: { job: Job<QueuedPosting, PostingResult>; write: PostingWrite }[] = [];
    const refusals: { job: Job<QueuedPosting, PostingResult>; refusal: Refusal }[] = [];
    const later: Job<QueuedPosting, PostingResult>[] = [];
    const keys = new Set<string>();
    for (const job of open) {
      const { request, date, read } = job.item;
      const { fingerprint, ref } = request.idempotency;
      let decision: ReturnType<typeof judgeIdempotency>;
      try {
        decision = judgeIdempotency(records.get(job), fingerprint, nowMs);
      } catch (error) {
        job.settle({ error });
        continue;
      }
      if (decision.kind === "replay") {
        job.settle({ ran: true, value: { response: decision.response, replayed: true } });
        continue;
      }
      // One key twice in one transaction is not allowed: the second waits for the first.
      if (keys.has(ref.key)) {
        later.push(job);
        continue;
      }
      const account = read.account as AccountRecord;
      const before = { wallet, dayCount: dayCounts.get(date) ?? 0 };
      const posting = decidePosting(request, account, before, nowMs);
      if (typeof posting === "string") {
        refusals.push({ job, refusal: posting });
        continue;
      }
      keys.add(ref.key);
      writes.push({ job, write: posting });
      wallet = posting.plan.after.wallet;
      dayCounts.set(date, posting.plan.after.dayCount);
    }
    const answerRefusals = () => {
      for (const { job, refusal } of refusals) job.settle({ error: refused[refusal]() });
    };
    if (writes.length === 0) {
      answerRefusals();
      open = later;
      continue;
    }
    const { items, roles } = batchItems(writes.map(({ write }) => write));
    // Each posting's ledger.transaction.posted event commits with it, or neither does.
    writes.forEach(({ write }, posting) => {
      items.push(
        webhookEventPut("ledger.transaction.posted", write.idempotency.response.body, nowMs),
      );
      roles.push({ role: "event", posting });
    });
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const reasons = lostRace(error);
      countMetric(ledgerMetrics.PostingsRaced);
      let known = true;
      reasons.forEach((reason, i) => {
        const role = roles[i] as BatchRole;
        if (reason.code !== "ConditionalCheckFailed") return;
        if (role.role === "account") {
          for (const job of open) job.settle({ error: DomainError.notFound("account") });
          open = [];
        } else if (role.role === "wallet" && reason.item) {
          state.wallet = fromWalletItem(accountId, ledgerCurrency, reason.item);
        } else if (role.role === "day" && reason.item) {
          state.dayCounts.set(role.date, fromDayCountItem(reason.item));
        } else if (role.role === "idempotency" && reason.item) {
          // The key is taken: every posting of this turn with that key replays its record (one
          // round for a pile of duplicates, not one round each).
          const { key } = (writes[role.posting] as (typeof writes)[number]).job.item.request
            .idempotency.ref;
          for (const job of [...open, ...later]) {
            if (job.item.request.idempotency.ref.key === key) records.set(job, reason.item);
          }
        } else if (
          !(role.role === "transaction" && reasons[0]?.code === "ConditionalCheckFailed")
        ) {
          // A stale sequence names a taken key (the wallet's failed version says so already);
          // any other failure came without its item: read the state again.
          known = false;
        }
      });
      if (open.length === 0) return;
      if (!known) {
        const fresh = await readWalletAndDays(accountId, [
          ...new Set(open.map((j) => j.item.date)),
        ]);
        state.wallet = fresh.wallet;
        for (const [date, count] of fresh.dayCounts) state.dayCounts.set(date, count);
      }
      lane.memory = { wallet: state.wallet, dayCounts: new Map(state.dayCounts) };
      // Still unanswered: the writes and refusals of this try, then those that waited. Past its
      // budget a posting is told to come back; nothing of it was stored.
      const now = Date.now();
      const unanswered = new Set([...writes.map((w) => w.job), ...refusals.map((r) => r.job)]);
      open = [...open.filter((job) => unanswered.has(job)), ...later].filter((job) => {
        if (now < job.deadline) return true;
        job.settle({ ran: false });
        return false;
      });
      continue;
    }
    for (const { job, write } of writes) {
      countMetric(ledgerMetrics.Postings, { type: write.plan.transaction.type });
      job.settle({ ran: true, value: { response: write.idempotency.response, replayed: false } });
    }
    answerRefusals();
    state.wallet = wallet;
    for (const [date, count] of dayCounts) state.dayCounts.set(date, count);
    lane.memory = { wallet: state.wallet, dayCounts: new Map(state.dayCounts) };
    open = later;
  }
}

// A lane keeps what it learnt after it empties (for the 1,000 wallets posted to last): a
// posting's read may predate the commit just before its turn, or see the wallet after a commit
// but its day's count before it (BatchGetItem reads each item on its own), and the newer of
// read and memory spares the attempt bound to fail. Versions and counts only grow: a memory is
// a lower bound, never trusted beyond the write's conditions.
const walletTurns = new Turns<QueuedPosting, PostingResult, WalletMemory>(
  MAX_BATCH,
  serveTurn,
  1_000,
);

/**
 * Posts a credit or debit to an account's wallet exactly once per Idempotency-Key: one
 * BatchGetItem (the account, the wallet, the day's count, the key's record), then, in the
 * wallet's turn in this process, one TransactWriteItems of the transaction, the wallet's new
 * balance and aggregates, the day's count and the key's record, each conditional (shared with
 * the postings queued with it). A lost race is decided again from the items the failed
 * conditions hand back (no new read). 404 when the account does not exist; 409 when the
 * balance would leave its bounds; 422 when the key was used for another request; 503 with
 * Retry-After (nothing stored) when the budget runs out. Nothing is stored unless all of it is.
 */
export async function postTransaction(
  accountId: string,
  input: PostingInput,
  idempotencyKey: string,
): Promise<PostingResult> {
  // The budget is elapsed time, not the service's notion of now.
  const deadline = Date.now() + postingRetryBudget.ms;
  const occurredAtMs = input.occurred_at ?? clock.now();
  const date = utcDate(occurredAtMs);
  const ref = { scope: ledgerKeys.partition(accountId), key: idempotencyKey };
  const fingerprint = requestFingerprint("ledger.post_transaction", input);
  const request: PostingRequest = { input, occurredAtMs, idempotency: { ref, fingerprint } };
  const read = await readState(accountId, date, ref);
  // A replay or a missing account needs no turn: answered on what was read.
  const decision = judgeIdempotency(read.record, fingerprint, clock.now());
  if (decision.kind === "replay") return { response: decision.response, replayed: true };
  if (!read.account) throw DomainError.notFound("account");
  const turn = await walletTurns.submit(accountId, { request, date, read }, deadline);
  // Not the request's fault: postings to this wallet pile up faster than they commit.
  if (!turn.ran) throw DomainError.busy();
  return turn.value;
}
