import { maxLimits } from "./risk-limits";

/** Rule 123 looks at deposits with time in [t − 30, t]. */
export const DEPOSIT_WINDOW_SECONDS = 30;
/** Rule 500 looks at events with time in [t − 60, t]. */
export const EVENT_WINDOW_SECONDS = 60;

/**
 * One second of a user's recent activity: `[second, depositSumCents, eventCount]`. Sums and
 * counts saturate just above the largest limit of any level: a rule only asks "more than the
 * limit?", and saturation keeps every figure small whatever the traffic in that second.
 */
export type SecondBucket = readonly [second: number, depositSumCents: number, eventCount: number];

/**
 * What the five rules need of a user's history, of fixed size whatever that history: at most
 * 61 second buckets (times never go backwards, so the window [t − 60, t] holds at most 61
 * distinct seconds) and four numbers. Runs are capped at the largest count limit of any level,
 * since the level can change between events.
 */
export interface UserState {
  /** Time of the latest event; null before the first. */
  lastTime: number | null;
  /** Trailing consecutive withdrawals, capped at the largest C₁. */
  withdrawalRun: number;
  /** Trailing deposits each larger than the one before (withdrawals ignored), capped at the largest C₂. */
  increasingRun: number;
  /** The latest deposit's amount, for rule 300. */
  lastDepositCents: number | null;
  /** Activity per second within the last 60 seconds of `lastTime`, oldest first. */
  seconds: readonly SecondBucket[];
}

/** The state of a user with no events. */
export const emptyUserState: UserState = {
  lastTime: null,
  withdrawalRun: 0,
  increasingRun: 0,
  lastDepositCents: null,
  seconds: [],
};

/** The caps that keep the state bounded; each sits at or just above the largest limit. */
export const stateCaps = {
  withdrawalRun: maxLimits.consecutiveWithdrawals,
  increasingRun: maxLimits.increasingDeposits,
  depositSumCents: maxLimits.depositWindowSumCents + 1,
  eventCount: maxLimits.eventsPerMinute + 1,
  seconds: EVENT_WINDOW_SECONDS + 1,
} as const;
