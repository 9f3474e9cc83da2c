/** A user's risk level; a user whose level was never set is `medium`. */
export const riskLevels = ["low", "medium", "high"] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const DEFAULT_RISK_LEVEL: RiskLevel = "medium";

/** The limits of the five rules for one risk level; amounts in cents. */
export interface Limits {
  /** 1100: a withdrawal larger than this. */
  withdrawalAmountCents: number;
  /** 123: deposits within 30 s summing to more than this. */
  depositWindowSumCents: number;
  /** 30: this many consecutive withdrawals. */
  consecutiveWithdrawals: number;
  /** 300: this many deposits, each larger than the one before. */
  increasingDeposits: number;
  /** 500: more than this many events within 60 s. */
  eventsPerMinute: number;
}

// The limits of API.md, in the units it states them in (A₁, A₂ in currency units).
const BASE = { A1: 100, A2: 200, C1: 3, C2: 3, C3: 5 } as const;

/** A base limit under a risk level: low doubles it, medium keeps it, high makes it ⌊limit/2⌋+1. */
function adjustLimit(level: RiskLevel, limit: number): number {
  if (level === "low") return limit * 2;
  if (level === "high") return Math.floor(limit / 2) + 1;
  return limit;
}

/**
 * The rules' limits for a risk level. The level is applied to the limits as API.md states them
 * (A₁ = 100, not 10,000 cents), then amounts are turned into cents: high A₁ is 51.00, not 50.01.
 */
export function limitsFor(level: RiskLevel): Limits {
  return {
    withdrawalAmountCents: adjustLimit(level, BASE.A1) * 100,
    depositWindowSumCents: adjustLimit(level, BASE.A2) * 100,
    consecutiveWithdrawals: adjustLimit(level, BASE.C1),
    increasingDeposits: adjustLimit(level, BASE.C2),
    eventsPerMinute: adjustLimit(level, BASE.C3),
  };
}

/** Every level's limits, computed once at load: judging an event only looks them up. */
export const limitsByLevel = {
  low: limitsFor("low"),
  medium: limitsFor("medium"),
  high: limitsFor("high"),
} satisfies Record<RiskLevel, Limits>;

const allLimits = Object.values(limitsByLevel);
const largest = (pick: (limits: Limits) => number) => Math.max(...allLimits.map(pick));

/** The largest count limits over every level: the per-user state must remember this much. */
export const maxLimits = {
  consecutiveWithdrawals: largest((l) => l.consecutiveWithdrawals),
  increasingDeposits: largest((l) => l.increasingDeposits),
  eventsPerMinute: largest((l) => l.eventsPerMinute),
  depositWindowSumCents: largest((l) => l.depositWindowSumCents),
};
