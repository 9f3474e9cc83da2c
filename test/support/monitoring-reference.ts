import type { Limits } from "#monitoring/core/risk-limits";
import type { MoneyEvent } from "#monitoring/core/rules";

/**
 * The rules of API.md judged naively from the user's whole history (which ends with the current
 * event), as literally as the table reads: the yardstick the compact state is checked against.
 */
export function judgeFromHistory(history: readonly MoneyEvent[], limits: Limits): number[] {
  const current = history.at(-1);
  if (!current) throw new Error("empty history");
  const t = current.time;
  const codes: number[] = [];
  if (current.type === "withdraw") {
    const last = history.slice(-limits.consecutiveWithdrawals);
    if (last.length === limits.consecutiveWithdrawals && last.every((e) => e.type === "withdraw")) {
      codes.push(30);
    }
  }
  if (current.type === "deposit") {
    const inWindow = history.filter((e) => e.type === "deposit" && e.time >= t - 30 && e.time <= t);
    const sum = inWindow.reduce((total, e) => total + BigInt(e.amountCents), 0n);
    if (sum > BigInt(limits.depositWindowSumCents)) codes.push(123);
    const deposits = history.filter((e) => e.type === "deposit").slice(-limits.increasingDeposits);
    if (
      deposits.length === limits.increasingDeposits &&
      deposits.every(
        (e, i) => i === 0 || e.amountCents > (deposits[i - 1] as MoneyEvent).amountCents,
      )
    ) {
      codes.push(300);
    }
  }
  const recent = history.filter((e) => e.time >= t - 60 && e.time <= t);
  if (recent.length > limits.eventsPerMinute) codes.push(500);
  if (current.type === "withdraw" && current.amountCents > limits.withdrawalAmountCents) {
    codes.push(1100);
  }
  return codes;
}

/** A small seeded PRNG (mulberry32), so a failing random sequence can be replayed. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
  };
}
