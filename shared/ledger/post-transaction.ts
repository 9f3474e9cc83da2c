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
import { type PostingRole, type PostingWrite, postingItems } from "#ledger/store/posting-items";
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
import { type Lane, Turns } from "#platform/turns";

// Postings to one wallet are served in turn inside this process (#platform/turns): each sends
// its transaction once, on the version the previous one left, so one process never races
// itself. Another process (another Lambda instance) can still commit between two turns: the
// loser is handed the winner's wallet by its failed condition and tries again at once, without
// sleeping (the handed-back wallet is the newest there is; a loser that slept would wake to a
// wallet that moved on again, and with two busy writers could lose for as long as the other
// kept posting: the 13 s waits of issue 18). A posting gives up, storing nothing, with 503 and
// Retry-After, once its budget is spent, counted from before its first read and spent waiting
// for its turn or trying: no attempt starts after it. The same budget everywhere: on AWS the
// last attempt's SDK tries (1.5 s timeouts) still end inside the function's 10 s timeout, and
// locally a queue that cannot be served within it is told to come back rather than left
// waiting for tens of seconds.
/** The time budget of one posting, in milliseconds (tests may lower it). */
export const postingRetryBudget = { ms: 3_000 };

/** What a wallet's lane remembers between turns: the newest wallet and day counts seen. */
interface WalletMemory {
  wallet: Wallet;
  /** Day counts by date, each as seen last: counts only grow, so each is a lower bound. */
  dayCounts: Map<string, number>;
}

const walletTurns = new Turns<WalletMemory>();

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

/** The state a turn starts from: the newer of what the posting read and what its lane knows. */
function newest(state: PostingState, date: string, memory: WalletMemory | undefined): PostingState {
  if (!memory) return state;
  const known = memory.dayCounts.get(date) ?? 0;
  return {
    ...state,
    wallet:
      memory.wallet.transactionCount > state.wallet.transactionCount ? memory.wallet : state.wallet,
    dayCount: Math.max(state.dayCount, known),
  };
}

/** Tells the lane what a turn learnt: the newest wallet and the day's count with it. */
function remember(lane: Lane<WalletMemory>, wallet: Wallet, date: string, dayCount: number) {
  const memory = lane.memory ?? { wallet, dayCounts: new Map<string, number>() };
  if (wallet.transactionCount >= memory.wallet.transactionCount) memory.wallet = wallet;
  memory.dayCounts.set(date, Math.max(dayCount, memory.dayCounts.get(date) ?? 0));
  lane.memory = memory;
}

/** What a posting has settled before its turn: the request and when its budget ends. */
interface PostingContext {
  accountId: string;
  request: PostingRequest;
  date: string;
  deadline: number;
}

/**
 * A posting's turn on its wallet: decide on the newest state, send the one transaction; a lost
 * race (another process committed first) is decided again at once on what the failed
 * conditions handed back, until the budget is spent (then 503, nothing stored).
 */
async function postInTurn(
  context: PostingContext,
  read: PostingState,
  lane: Lane<WalletMemory>,
): Promise<PostingResult> {
  const { accountId, request, date, deadline } = context;
  const { ref, fingerprint } = request.idempotency;
  let state = newest(read, date, lane.memory);
  for (;;) {
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
      await db.send(new TransactWriteCommand({ TransactItems: Object.values(items) }));
      remember(lane, posting.plan.after.wallet, date, posting.plan.after.dayCount);
      countMetric(ledgerMetrics.Postings, { type: request.input.type });
      return { response, replayed: false };
    } catch (error) {
      const byRole = lostRace(error, roles);
      if (byRole.get("account")?.code === "ConditionalCheckFailed") {
        throw DomainError.notFound("account");
      }
      countMetric(ledgerMetrics.PostingsRaced);
      if (Date.now() >= deadline) break;
      state = stateAfterLoss(state, byRole) ?? (await readState(accountId, date, ref));
      remember(lane, state.wallet, date, state.dayCount);
    }
  }
  // Not the request's fault: other processes' postings to this wallet kept winning.
  throw DomainError.busy();
}

/**
 * Posts a credit or debit to an account's wallet exactly once per Idempotency-Key: one
 * BatchGetItem (the account, the wallet, the day's count, the key's record), then, in the
 * wallet's turn in this process, one TransactWriteItems of the transaction, the wallet's new
 * balance and aggregates, the day's count and the key's record, each conditional. A lost race
 * is decided again from the items the failed conditions hand back (no new read). 404 when the
 * account does not exist; 409 when the balance would leave its bounds; 422 when the key was
 * used for another request; 503 with Retry-After (nothing stored) when the budget runs out.
 * Nothing is stored unless all of it is.
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
  // A replay, a missing account or a refusal needs no turn: answered on what was read.
  const decision = judgeIdempotency(read.record, fingerprint, clock.now());
  if (decision.kind === "replay") return { response: decision.response, replayed: true };
  if (!read.account) throw DomainError.notFound("account");
  const context = { accountId, request, date, deadline };
  const turn = await walletTurns.run(accountId, deadline, (lane) =>
    postInTurn(context, read, lane),
  );
  if (!turn.ran) throw DomainError.busy();
  return turn.value;
}
