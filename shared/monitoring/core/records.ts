import { DEFAULT_RISK_LEVEL, type RiskLevel } from "./risk-limits";
import type { EventType } from "./rules";
import { emptyUserState, type UserState } from "./user-state";

/** A user's state: risk level, optimistic-lock version, event count and the rules' state. */
export interface UserRecord {
  userId: number;
  /** 0 when nothing is stored for the user yet. */
  version: number;
  /** Events stored so far; the next event's sequence number is one more. */
  eventCount: number;
  level: RiskLevel;
  rules: UserState;
  /** The time of the user's first event: later ones may be at most 10 years past it. */
  firstTime: number | null;
}

/** The record of a user nothing is stored for: no events, level `medium`. */
export const newUserRecord = (userId: number): UserRecord => ({
  userId,
  version: 0,
  eventCount: 0,
  level: DEFAULT_RISK_LEVEL,
  rules: emptyUserState,
  firstTime: null,
});

/** A stored deposit or withdrawal, with the codes it raised and the level it was judged at. */
export interface EventRecord {
  eventId: string;
  userId: number;
  /** The user's events are numbered 1, 2, 3… in commit order. */
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
