import type { Limits } from "./risk-limits";
import {
  DEPOSIT_WINDOW_SECONDS,
  EVENT_WINDOW_SECONDS,
  type SecondBucket,
  stateCaps,
  type UserState,
} from "./user-state";

export const eventTypes = ["deposit", "withdraw"] as const;
export type EventType = (typeof eventTypes)[number];

/** An event as the rules see it: amounts in cents, time in seconds. */
export interface MoneyEvent {
  type: EventType;
  amountCents: number;
  time: number;
}

/** The alert codes, in the ascending order `alert_codes` lists them. */
const alertCodes = {
  consecutiveWithdrawals: 30,
  depositWindowSum: 123,
  increasingDeposits: 300,
  eventsPerMinute: 500,
  largeWithdrawal: 1100,
} as const;

interface Judgement {
  /** The codes that fire, ascending. */
  codes: number[];
  /** The user's state after this event. */
  nextState: UserState;
}

/** Whether an event is older than the user's latest one (it must then be refused, not judged). */
export const isOutOfOrder = (state: UserState, time: number) =>
  state.lastTime !== null && time < state.lastTime;

const saturate = (value: number, cap: number) => Math.min(value, cap);

/** The second buckets after adding `event`, dropping seconds that left the widest window. */
function recordSecond(seconds: readonly SecondBucket[], event: MoneyEvent): SecondBucket[] {
  const kept = seconds.filter(([second]) => second >= event.time - EVENT_WINDOW_SECONDS);
  const deposit = event.type === "deposit" ? event.amountCents : 0;
  const last = kept.at(-1);
  if (last && last[0] === event.time) {
    kept[kept.length - 1] = [
      event.time,
      saturate(last[1] + deposit, stateCaps.depositSumCents),
      saturate(last[2] + 1, stateCaps.eventCount),
    ];
  } else {
    kept.push([event.time, saturate(deposit, stateCaps.depositSumCents), 1]);
  }
  return kept;
}

/**
 * Judges one event against the five rules from the user's compact state, and returns the codes
 * that fire with the state after the event. Pure: the caller stores both atomically. Every
 * rule counts the current event; the event must not be out of order.
 */
export function judge(state: UserState, event: MoneyEvent, limits: Limits): Judgement {
  if (isOutOfOrder(state, event.time)) {
    throw new RangeError(`Event at ${event.time} is older than the latest at ${state.lastTime}`);
  }
  const isDeposit = event.type === "deposit";
  const seconds = recordSecond(state.seconds, event);
  const withdrawalRun = isDeposit ? 0 : saturate(state.withdrawalRun + 1, stateCaps.withdrawalRun);
  const increasingRun = !isDeposit
    ? state.increasingRun
    : state.lastDepositCents !== null && event.amountCents > state.lastDepositCents
      ? saturate(state.increasingRun + 1, stateCaps.increasingRun)
      : 1;

  const codes: number[] = [];
  if (!isDeposit && withdrawalRun >= limits.consecutiveWithdrawals) {
    codes.push(alertCodes.consecutiveWithdrawals);
  }
  if (isDeposit) {
    const windowSum = seconds
      .filter(([second]) => second >= event.time - DEPOSIT_WINDOW_SECONDS)
      .reduce((sum, [, deposits]) => sum + deposits, 0);
    if (windowSum > limits.depositWindowSumCents) codes.push(alertCodes.depositWindowSum);
    if (increasingRun >= limits.increasingDeposits) codes.push(alertCodes.increasingDeposits);
  }
  const windowCount = seconds.reduce((count, [, , events]) => count + events, 0);
  if (windowCount > limits.eventsPerMinute) codes.push(alertCodes.eventsPerMinute);
  if (!isDeposit && event.amountCents > limits.withdrawalAmountCents) {
    codes.push(alertCodes.largeWithdrawal);
  }

  return {
    codes,
    nextState: {
      lastTime: event.time,
      withdrawalRun,
      increasingRun,
      lastDepositCents: isDeposit ? event.amountCents : state.lastDepositCents,
      seconds,
    },
  };
}
