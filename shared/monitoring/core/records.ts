import { DEFAULT_RISK_LEVEL, type RiskLevel } from "./risk-limits";
import type { EventType } from "./rules";
import { emptyUserState, type UserState } from "./user-state";

/**
 * A user's state after the latest entry of their history (an event or a risk-level change):
 * its sequence number, the risk level and the rules' state.
 */
export interface UserRecord {
  userId: number;
  /** The latest entry's sequence number (0 when nothing is stored yet); the next is one more. */
  seq: number;
  level: RiskLevel;
  rules: UserState;
  /** The time of the user's first event: later ones may be at most 10 years past it. */
  firstTime: number | null;
}

/** The record of a user nothing is stored for: no events, level `medium`. */
export const newUserRecord = (userId: number): UserRecord => ({
  userId,
  seq: 0,
  level: DEFAULT_RISK_LEVEL,
  rules: emptyUserState,
  firstTime: null,
});

/** A stored deposit or withdrawal, with the codes it raised and the level it was judged at. */
export interface EventRecord {
  eventId: string;
  userId: number;
  /**
   * The entry's number in the user's history (1, 2, 3… in commit order; a risk-level change takes
   * a number too).
   */
  seq: number;
  type: EventType;
  amountCents: number;
  time: number;
  /** Ascending; empty when the event raised no alert. */
  alertCodes: number[];
  /** The id of the alert the event raised; undefined when none. */
  alertId: string | undefined;
  riskLevel: RiskLevel;
  /** ISO time the event was stored. */
  createdAt: string;
}

/** The alert an event raised: same user and sequence as its event. */
export interface AlertRecord {
  alertId: string;
  eventId: string;
  userId: number;
  seq: number;
  alertCodes: number[];
  time: number;
  createdAt: string;
}

/**
 * How long a write to a user's history keeps trying before it answers 503 with nothing stored
 * (why this figure: `record-event.ts`).
 */
export const RETRY_BUDGET_MS = 3_000;

/** The record after a change of the user's risk level: the change is the history's next entry. */
export const levelChanged = (record: UserRecord, level: RiskLevel): UserRecord => ({
  ...record,
  seq: record.seq + 1,
  level,
});
