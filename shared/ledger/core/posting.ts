import type { TransactionRecord, TransactionType } from "#ledger/core/transaction";
import {
  type Applied,
  applyMovement,
  type Refusal,
  utcDate,
  type Wallet,
} from "#ledger/core/wallet";

/** What a posting asks for, validated: amounts in cents, when it occurred in epoch ms. */
export interface PostingRequest {
  type: TransactionType;
  amountCents: number;
  description: string | null;
  occurredAtMs: number;
}

/** What a posting read: the wallet and the count of its day's transactions. */
export interface PostingBefore {
  wallet: Wallet;
  dayCount: number;
}

/** One posting, decided: what was read, what it becomes, and the transaction it records. */
export interface PostingPlan {
  accountId: string;
  before: PostingBefore;
  after: Applied;
  /** The UTC day of occurred_at: the day count it moves. */
  date: string;
  transaction: TransactionRecord;
}

/**
 * The commit time of the next transaction of a wallet: now, or the latest transaction's time
 * when a clock behind it (another process's) says earlier, so created_at never decreases
 * along the statement.
 */
export const nextCreatedAtMs = (wallet: Wallet, nowMs: number) =>
  Math.max(nowMs, wallet.lastCreatedAtMs);

/**
 * Decides a posting on what was read (pure): the wallet and day count after it and the
 * transaction it records (sequence: the wallet's count after it; created at `nowMs`, or at the
 * wallet's latest time if that is later), or why the balance refuses it (it would leave
 * [0, 1,000,000,000,000.00]).
 */
export function planPosting(
  accountId: string,
  request: PostingRequest,
  before: PostingBefore,
  nowMs: number,
): PostingPlan | Refusal {
  const { type, amountCents, occurredAtMs } = request;
  const date = utcDate(occurredAtMs);
  const after = applyMovement(before.wallet, before.dayCount, { type, amountCents, date });
  if (typeof after === "string") return after;
  const createdAtMs = nextCreatedAtMs(before.wallet, nowMs);
  return {
    accountId,
    before,
    after: { ...after, wallet: { ...after.wallet, lastCreatedAtMs: createdAtMs } },
    date,
    transaction: {
      accountId,
      ref: { createdAtMs, sequence: after.wallet.transactionCount },
      type,
      amountCents,
      currency: before.wallet.currency,
      balanceAfterCents: after.wallet.balanceCents,
      description: request.description,
      occurredAtMs,
    },
  };
}
