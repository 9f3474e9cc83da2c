import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { type AccountRecord, accountItemKey, fromAccountItem } from "#accounts";
import { ledgerMetrics } from "#ledger/api/metrics";
import type { PostingInput } from "#ledger/api/schemas";
import { toTransactionView } from "#ledger/api/views";
import { ledgerCurrency } from "#ledger/core/currency";
import { type PostingBefore, planPosting } from "#ledger/core/posting";
import { transactionId, transactionLocation } from "#ledger/core/transaction";
import { type Refusal, utcDate, type Wallet } from "#ledger/core/wallet";
import { fromDayCountItem } from "#ledger/store/day-count-item";
import { ledgerKeys } from "#ledger/store/keys";
import { type PostingRole, type PostingWrite, postingItems } from "#ledger/store/posting-items";
import { fromWalletItem } from "#ledger/store/wallet-item";
import { transactionNotification } from "#notifications";
import { clock } from "#platform/clock";
import { backoff } from "#platform/db/backoff";
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
import { webhookEventPut } from "#webhooks";

// Losing the version race means another posting to this wallet committed first: each loss is
// someone else's progress. Give up (503, nothing stored, try later) after a time budget counted
// from before the first read. On AWS no request starts after 3 s, so even the last one's SDK
// tries (1.5 s timeouts) end inside the function's 10 s timeout. DynamoDB Local commits one
// transaction at a time, tens of milliseconds each on a busy machine, and no Lambda timeout
// applies to it: a burst of 50 postings on one wallet needs well over 15 s there.
/** The retry budget of one posting, in milliseconds (tests may lower it). */
export const postingRetryBudget = { ms: process.env.DYNAMODB_ENDPOINT ? 60_000 : 3_000 };
// Measured on 16 postings at once on one wallet: a 200 ms cap left the crowd retrying together
// (about 10 attempts per posting); 20 ms doubling up to 1 s thins it (about 5) and posts faster.
const BACKOFF_BASE_MS = 20;
const BACKOFF_CAP_MS = 1000;

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
 * The state after a lost race, from the current items the failed conditions handed back;
 * undefined when a failure came without its item (then the state is read again).
 */
function stateAfterLoss(
  state: PostingState,
  reasons: Map<PostingRole, CancellationReason>,
): PostingState | undefined {
  const next = { ...state };
  for (const [role, reason] of reasons) {
    if (reason.code !== "ConditionalCheckFailed") continue;
    // A stale seq names a taken key: the wallet's failed version says so already.
    if (role === "transaction" && reasons.get("wallet")?.code === "ConditionalCheckFailed")
      continue;
    if (role === "wallet" && reason.item) {
      next.wallet = fromWalletItem(state.wallet.accountId, state.wallet.currency, reason.item);
    } else if (role === "day" && reason.item) next.dayCount = fromDayCountItem(reason.item);
    else if (role === "idempotency" && reason.item) next.record = reason.item;
    else return undefined;
  }
  return next;
}

/**
 * The cancellation reasons of a transaction that lost a race, by role: failed conditions, or
 * conflicts with concurrent transactions that outlasted the client's own retries (no reasons:
 * tried again as it was; its conditions then tell what changed). Any other error is rethrown.
 */
function lostRace(error: unknown, roles: PostingRole[]): Map<PostingRole, CancellationReason> {
  if (error instanceof StoreUnavailableError && isTransactionConflict(error.cause)) {
    return new Map();
  }
  const reasons = cancellationReasons(error);
  if (!reasons?.some((reason) => reason.code === "ConditionalCheckFailed")) throw error;
  return new Map(reasons.map((reason, i) => [roles[i] as PostingRole, reason]));
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
      createdAt: transaction.createdAt,
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

/**
 * Posts a credit or debit to an account's wallet exactly once per Idempotency-Key: one
 * BatchGetItem, then one TransactWriteItems of the transaction, the wallet's new balance and
 * aggregates, the day's count and the key's record, each conditional. A lost race is decided
 * again from the items the failed conditions hand back (no new read), after jittered backoff.
 * 404 when the account does not exist; 409 when the balance would leave its bounds; 422 when
 * the key was used for another request. Nothing is stored unless all of it is.
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
  let state: PostingState = await readState(accountId, date, ref);
  for (let attempt = 1; ; attempt++) {
    const nowMs = clock.now();
    const decision = judgeIdempotency(state.record, fingerprint, nowMs);
    if (decision.kind === "replay") return { response: decision.response, replayed: true };
    const { account } = state;
    if (!account) throw DomainError.notFound("account");
    const before = { wallet: state.wallet, dayCount: state.dayCount };
    const posting = decidePosting(request, account, before, nowMs);
    if (typeof posting === "string") throw refused[posting]();
    const items = postingItems(posting);
    const { response } = posting.idempotency;
    const roles = Object.keys(items) as PostingRole[];
    try {
      const event = webhookEventPut("ledger.transaction.posted", response.body, nowMs);
      await db.send(new TransactWriteCommand({ TransactItems: [...Object.values(items), event] }));
      countMetric(ledgerMetrics.Postings, { type: input.type });
      return { response, replayed: false };
    } catch (error) {
      const byRole = lostRace(error, roles);
      if (byRole.get("account")?.code === "ConditionalCheckFailed") {
        throw DomainError.notFound("account");
      }
      if (Date.now() >= deadline) break;
      // Full jitter: the losers of a round must not all come back as the next stampede.
      await backoff(attempt, BACKOFF_BASE_MS, BACKOFF_CAP_MS);
      state = stateAfterLoss(state, byRole) ?? (await readState(accountId, date, ref));
    }
  }
  // Not the request's fault: postings to this wallet pile up faster than they commit.
  throw DomainError.busy();
}
