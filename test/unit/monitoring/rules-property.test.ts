import { describe, expect, it } from "vitest";
import { limitsFor, type RiskLevel, riskLevels } from "#monitoring/core/risk-limits";
import { judge, type MoneyEvent } from "#monitoring/core/rules";
import { emptyUserState, stateCaps, type UserState } from "#monitoring/core/user-state";
import { judgeFromHistory, seededRandom } from "../../support/monitoring-reference";

// Amounts clustered around every limit of every level (in cents), plus tiny and huge ones.
const amounts = [
  1, 99, 100, 5000, 5099, 5100, 5101, 10000, 10001, 10099, 10100, 10101, 19999, 20000, 20001, 39999,
  40000, 40001, 100_000_000_000_000,
];
// Steps in time that straddle both windows' edges.
const steps = [0, 0, 0, 1, 1, 2, 5, 10, 29, 30, 31, 59, 60, 61, 1000];

function randomSequence(seed: number, length: number) {
  const random = seededRandom(seed);
  let time = random.int(0, 100);
  const fixedLevel = random.next() < 0.5 ? random.pick(riskLevels) : undefined;
  return Array.from({ length }, () => {
    time += random.pick(steps);
    const event: MoneyEvent = {
      type: random.next() < 0.5 ? "deposit" : "withdraw",
      // Increasing runs need rising amounts: sometimes step just above the previous pick.
      amountCents: random.next() < 0.2 ? random.int(1, 50_000) : random.pick(amounts),
      time,
    };
    const level: RiskLevel = fixedLevel ?? random.pick(riskLevels);
    return { event, level };
  });
}

function isBounded(state: UserState): boolean {
  return (
    state.seconds.length <= stateCaps.seconds &&
    state.withdrawalRun <= stateCaps.withdrawalRun &&
    state.increasingRun <= stateCaps.increasingRun &&
    state.seconds.every(
      ([, sum, count]) => sum <= stateCaps.depositSumCents && count <= stateCaps.eventCount,
    ) &&
    // Fixed size: the serialised state never grows past a small bound, whatever the history.
    JSON.stringify(state).length < 61 * 20 + 200
  );
}

function expectBounded(state: UserState) {
  if (!isBounded(state)) expect(state).toBe("a bounded state");
}

describe("the compact state judges exactly as the full history does", () => {
  it("agrees on 3,000 random sequences over every level, levels changing between events", () => {
    let fired = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const sequence = randomSequence(seed, 1 + (seed % 60));
      let state = emptyUserState;
      const history: MoneyEvent[] = [];
      for (const [index, { event, level }] of sequence.entries()) {
        history.push(event);
        const limits = limitsFor(level);
        const { codes, nextState } = judge(state, event, limits);
        const expected = judgeFromHistory(history, limits);
        if (codes.join() !== expected.join()) {
          throw new Error(
            `seed ${seed}, event ${index} (${level}): got [${codes}] expected [${expected}]\n` +
              JSON.stringify(history),
          );
        }
        fired += codes.length;
        expectBounded(nextState);
        state = nextState;
      }
    }
    // The sequences must actually exercise the rules, not agree on silence.
    expect(fired).toBeGreaterThan(10_000);
  });

  it("every code fires in the random sequences", () => {
    const seen = new Set<number>();
    for (let seed = 1; seed <= 500; seed++) {
      let state = emptyUserState;
      for (const { event, level } of randomSequence(seed, 40)) {
        const judged = judge(state, event, limitsFor(level));
        for (const code of judged.codes) seen.add(code);
        state = judged.nextState;
      }
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([30, 123, 300, 500, 1100]);
  });

  it("stays bounded over a long burst in one second and a long steady stream", () => {
    let state = emptyUserState;
    for (let i = 0; i < 10_000; i++) {
      const event: MoneyEvent = {
        type: i % 3 === 0 ? "withdraw" : "deposit",
        amountCents: 100_000_000_000_000,
        time: i < 5000 ? 7 : 7 + (i - 5000),
      };
      state = judge(state, event, limitsFor("low")).nextState;
      expectBounded(state);
    }
  });
});
