import type { TransactionType } from "#ledger/core/transaction";

/** The largest amount one transaction may move: 1,000,000,000.00, in cents. */
export const MAX_AMOUNT_CENTS = 100_000_000_000;
/** The largest balance a wallet may hold: 1,000,000,000,000.00, in cents. */
export const MAX_BALANCE_CENTS = 100_000_000_000_000;

/** The UTC day with the most transactions so far (ties: the earliest day). */
export interface BusiestDay {
  date: string;
  count: number;
}

/** A wallet's balance and every aggregate analytics reports, as of its latest posting. */
export interface Wallet {
  accountId: string;
  currency: string;
  /** Postings so far: the sequence of the latest; also the version each posting is conditioned on. */
  transactionCount: number;
  /** The commit time (created_at) of the latest transaction, epoch ms; 0 with none. */
  lastCreatedAtMs: number;
  balanceCents: number;
  creditCount: number;
  debitCount: number;
  totalCreditedCents: bigint;
  totalDebitedCents: bigint;
  busiestDay: BusiestDay | null;
}

/** The wallet of an account that has never had a transaction. */
export const emptyWallet = (accountId: string, currency: string): Wallet => ({
  accountId,
  currency,
  transactionCount: 0,
  lastCreatedAtMs: 0,
  balanceCents: 0,
  creditCount: 0,
  debitCount: 0,
  totalCreditedCents: 0n,
  totalDebitedCents: 0n,
  busiestDay: null,
});

/** One money movement to apply. */
export interface Movement {
  type: TransactionType;
  amountCents: number;
  /** The UTC day (`yyyy-mm-dd`) of its occurred_at. */
  date: string;
}

/** Why a movement cannot be applied: it would break a balance bound. */
export type Refusal = "insufficient_funds" | "balance_limit_exceeded";

/** A movement applied: the wallet after it and the new count of its day. */
export interface Applied {
  wallet: Wallet;
  dayCount: number;
}

/** The UTC calendar day of an instant: `2026-11-30`. */
export const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The busiest day once `date` has reached `count`. Counts only grow, and only this day's did,
 * so it beats the current busiest day by count, or on a tie by being earlier.
 */
export function busiestAfter(current: BusiestDay | null, date: string, count: number): BusiestDay {
  if (
    !current ||
    current.date === date ||
    count > current.count ||
    (count === current.count && date < current.date)
  ) {
    return { date, count };
  }
  return current;
}

/**
 * Applies a movement to a wallet whose movement's day had `dayCount` transactions: every
 * aggregate moves with the balance. Refused when the balance would leave [0, MAX_BALANCE].
 */
export function applyMovement(
  wallet: Wallet,
  dayCount: number,
  movement: Movement,
): Applied | Refusal {
  const { type, amountCents, date } = movement;
  const credit = type === "credit";
  const balanceCents = wallet.balanceCents + (credit ? amountCents : -amountCents);
  if (balanceCents < 0) return "insufficient_funds";
  if (balanceCents > MAX_BALANCE_CENTS) return "balance_limit_exceeded";
  const amount = BigInt(amountCents);
  const nextDayCount = dayCount + 1;
  return {
    wallet: {
      ...wallet,
      transactionCount: wallet.transactionCount + 1,
      balanceCents,
      creditCount: wallet.creditCount + (credit ? 1 : 0),
      debitCount: wallet.debitCount + (credit ? 0 : 1),
      totalCreditedCents: wallet.totalCreditedCents + (credit ? amount : 0n),
      totalDebitedCents: wallet.totalDebitedCents + (credit ? 0n : amount),
      busiestDay: busiestAfter(wallet.busiestDay, date, nextDayCount),
    },
    dayCount: nextDayCount,
  };
}

/** The mean of `count` amounts summing to `totalCents`, rounded half up to the cent. */
export function averageCents(totalCents: bigint, count: number): bigint {
  if (count === 0) return 0n;
  const n = BigInt(count);
  return (2n * totalCents + n) / (2n * n);
}

/**
 * The credit brief's score from the average A (in cents): clamp(⌊A × 5 / 100⌋, 1, 5), exact in
 * integers (A × 5 / 100 in currency units is A_cents / 2000); null with no transactions.
 */
export function creditScore(average: bigint, count: number): number | null {
  if (count === 0) return null;
  const raw = average / 2000n;
  return Number(raw < 1n ? 1n : raw > 5n ? 5n : raw);
}
