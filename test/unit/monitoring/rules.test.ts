import { describe, expect, it } from "vitest";
import { limitsFor, type RiskLevel, riskLevels } from "#monitoring/core/risk-limits";
import { type EventType, judge, type MoneyEvent } from "#monitoring/core/rules";
import { emptyUserState } from "#monitoring/core/user-state";

type Step = [type: EventType, amountCents: number, time: number];

/** The codes of each event of a sequence judged from an empty state at one level. */
function codesOf(level: RiskLevel, steps: Step[]): number[][] {
  let state = emptyUserState;
  return steps.map(([type, amountCents, time]) => {
    const event: MoneyEvent = { type, amountCents, time };
    const judged = judge(state, event, limitsFor(level));
    state = judged.nextState;
    return judged.codes;
  });
}
const lastCodes = (level: RiskLevel, steps: Step[]) => codesOf(level, steps).at(-1);

/** `n` events of a type, `gap` seconds apart from `start`. */
const repeat = (n: number, type: EventType, amount: (i: number) => number, start = 0, gap = 100) =>
  Array.from({ length: n }, (_, i): Step => [type, amount(i), start + i * gap]);

describe.each(riskLevels)("rules at risk level %s", (level) => {
  const limits = limitsFor(level);

  describe("1100: a withdrawal larger than A₁", () => {
    const a1 = limits.withdrawalAmountCents;
    it("does not fire at exactly A₁", () => {
      expect(lastCodes(level, [["withdraw", a1, 0]])).toEqual([]);
    });
    it("fires one cent over A₁", () => {
      expect(lastCodes(level, [["withdraw", a1 + 1, 0]])).toEqual([1100]);
    });
    it("never fires for a deposit", () => {
      expect(lastCodes(level, [["deposit", a1 + 1, 0]])).not.toContain(1100);
    });
  });

  describe("30: the last C₁ events all withdrawals", () => {
    const c1 = limits.consecutiveWithdrawals;
    it("fires on the C₁-th consecutive withdrawal and not before", () => {
      const codes = codesOf(
        level,
        repeat(c1 + 1, "withdraw", () => 1),
      );
      expect(codes.map((c) => c.includes(30))).toEqual([...Array(c1 - 1).fill(false), true, true]);
    });
    it("restarts the count after a deposit", () => {
      const steps = [
        ...repeat(c1 - 1, "withdraw", () => 1),
        ["deposit", 1, 1000] as Step,
        ...repeat(c1 - 1, "withdraw", () => 1, 2000),
      ];
      expect(codesOf(level, steps).flat()).not.toContain(30);
      expect(lastCodes(level, [...steps, ["withdraw", 1, 9000]])).toEqual([30]);
    });
    it("never fires on a deposit, even after a run of withdrawals", () => {
      const steps = [...repeat(c1, "withdraw", () => 1), ["deposit", 1, 9000] as Step];
      expect(lastCodes(level, steps)).toEqual([]);
    });
  });

  describe("300: the last C₂ deposits each larger than the one before", () => {
    const c2 = limits.increasingDeposits;
    it("fires on the C₂-th rising deposit and not before", () => {
      const codes = codesOf(
        level,
        repeat(c2 + 1, "deposit", (i) => i + 1),
      );
      expect(codes.map((c) => c.includes(300))).toEqual([...Array(c2 - 1).fill(false), true, true]);
    });
    it("needs each strictly larger: an equal amount breaks the run", () => {
      const steps = repeat(c2, "deposit", (i) => (i === c2 - 1 ? c2 - 1 : i + 1));
      expect(lastCodes(level, steps)).toEqual([]);
    });
    it("ignores withdrawals between the deposits", () => {
      const steps = repeat(2 * c2 - 1, "deposit", (i) => i + 1).map(
        (step, i): Step => (i % 2 === 1 ? ["withdraw", 1_000_00, step[2]] : step),
      );
      // Deposits 1, 3, 5, ... with withdrawals between; c2 deposits in all.
      expect(lastCodes(level, steps)).toEqual([300]);
    });
    it("does not fire on a withdrawal", () => {
      const steps = [...repeat(c2, "deposit", (i) => i + 1), ["withdraw", 1, 9000] as Step];
      expect(lastCodes(level, steps)).not.toContain(300);
    });
  });

  describe("123: deposits within [t − 30, t] summing to more than A₂", () => {
    const a2 = limits.depositWindowSumCents;
    it("does not fire at exactly A₂", () => {
      expect(lastCodes(level, [["deposit", a2, 10]])).toEqual([]);
      expect(
        lastCodes(level, [
          ["deposit", a2 - 1, 10],
          ["deposit", 1, 40],
        ]),
      ).toEqual([]);
    });
    it("fires one cent over A₂, counting a deposit exactly 30 s before", () => {
      expect(lastCodes(level, [["deposit", a2 + 1, 10]])).toEqual([123]);
      expect(
        lastCodes(level, [
          ["deposit", a2, 10],
          ["deposit", 1, 40],
        ]),
      ).toEqual([123]);
    });
    it("forgets a deposit 31 s before", () => {
      expect(
        lastCodes(level, [
          ["deposit", a2, 10],
          ["deposit", 1, 41],
        ]),
      ).toEqual([]);
    });
    it("counts deposits in the same second and ignores withdrawals in the sum", () => {
      expect(
        lastCodes(level, [
          ["withdraw", a2, 10],
          ["deposit", a2, 10],
        ]),
      ).not.toContain(123);
      expect(
        lastCodes(level, [
          ["deposit", a2, 10],
          ["deposit", 1, 10],
        ]),
      ).toContain(123);
    });
    it("is judged only on deposits", () => {
      expect(
        lastCodes(level, [
          ["deposit", a2 + 1, 10],
          ["withdraw", 1, 10],
        ]),
      ).not.toContain(123);
    });
  });

  describe("500: more than C₃ events within [t − 60, t]", () => {
    const c3 = limits.eventsPerMinute;
    // Alternating types with falling deposits keep rules 30 and 300 quiet.
    const mixed = (n: number, times: (i: number) => number) =>
      Array.from({ length: n }, (_, i): Step => [i % 2 ? "withdraw" : "deposit", 1, times(i)]);
    it("does not fire at exactly C₃ events", () => {
      expect(
        lastCodes(
          level,
          mixed(c3, () => 5),
        ),
      ).not.toContain(500);
    });
    it("fires at C₃ + 1 events, counting an event exactly 60 s before", () => {
      expect(
        lastCodes(
          level,
          mixed(c3 + 1, () => 5),
        ),
      ).toContain(500);
      expect(
        lastCodes(
          level,
          mixed(c3 + 1, (i) => (i === 0 ? 5 : 65)),
        ),
      ).toContain(500);
    });
    it("forgets an event 61 s before", () => {
      expect(
        lastCodes(
          level,
          mixed(c3 + 1, (i) => (i === 0 ? 5 : 66)),
        ),
      ).not.toContain(500);
    });
    it("counts both types", () => {
      const withdrawals = repeat(c3 + 1, "withdraw", () => 1, 0, 1);
      expect(lastCodes(level, withdrawals)).toContain(500);
    });
  });
});

describe("the risk levels' limits", () => {
  it("low doubles, medium keeps, high makes ⌊limit/2⌋ + 1", () => {
    expect(limitsFor("low")).toEqual({
      withdrawalAmountCents: 200_00,
      depositWindowSumCents: 400_00,
      consecutiveWithdrawals: 6,
      increasingDeposits: 6,
      eventsPerMinute: 10,
    });
    expect(limitsFor("medium")).toEqual({
      withdrawalAmountCents: 100_00,
      depositWindowSumCents: 200_00,
      consecutiveWithdrawals: 3,
      increasingDeposits: 3,
      eventsPerMinute: 5,
    });
    expect(limitsFor("high")).toEqual({
      withdrawalAmountCents: 51_00,
      depositWindowSumCents: 101_00,
      consecutiveWithdrawals: 2,
      increasingDeposits: 2,
      eventsPerMinute: 3,
    });
  });
});

describe("sequences where rules mix", () => {
  it("lists several codes on one event, ascending", () => {
    // Medium: the sixth event in a minute is the third withdrawal in a row, and a large one.
    const steps: Step[] = [
      ["deposit", 1, 0],
      ["deposit", 2, 1],
      ["deposit", 3, 2],
      ["withdraw", 1, 3],
      ["withdraw", 1, 4],
      ["withdraw", 100_01, 5],
    ];
    expect(codesOf("medium", steps)).toEqual([[], [], [300], [], [], [30, 500, 1100]]);
  });

  it("fires 123, 300 and 500 together on a deposit", () => {
    const steps: Step[] = [
      ["withdraw", 1, 0],
      ["withdraw", 1, 0],
      ["deposit", 50_00, 0],
      ["deposit", 60_00, 10],
      ["deposit", 70_00, 20],
      ["deposit", 80_00, 30],
    ];
    expect(codesOf("medium", steps).at(-1)).toEqual([123, 300, 500]);
  });

  it("fires all five codes in one sequence at level high", () => {
    const steps: Step[] = [
      ["deposit", 1, 0],
      ["deposit", 101_00, 1],
      ["withdraw", 1, 2],
      ["withdraw", 51_01, 3],
    ];
    expect(codesOf("high", steps)).toEqual([[], [123, 300], [], [30, 500, 1100]]);
  });

  it("judges by the level at each event: a lower level mid-run fires at once", () => {
    let state = emptyUserState;
    const run = (level: RiskLevel, event: MoneyEvent) => {
      const judged = judge(state, event, limitsFor(level));
      state = judged.nextState;
      return judged.codes;
    };
    for (let i = 0; i < 5; i++) {
      expect(run("low", { type: "withdraw", amountCents: 1, time: i * 100 })).toEqual([]);
    }
    // Five withdrawals remembered although low needed only six: medium fires on the sixth.
    expect(run("medium", { type: "withdraw", amountCents: 1, time: 600 })).toEqual([30]);
    expect(run("low", { type: "withdraw", amountCents: 1, time: 700 })).toEqual([30]);
  });

  it("refuses to judge an event older than the latest", () => {
    const { nextState } = judge(
      emptyUserState,
      { type: "deposit", amountCents: 1, time: 10 },
      limitsFor("medium"),
    );
    expect(() =>
      judge(nextState, { type: "deposit", amountCents: 1, time: 9 }, limitsFor("medium")),
    ).toThrow(RangeError);
    expect(
      judge(nextState, { type: "deposit", amountCents: 1, time: 10 }, limitsFor("medium")).codes,
    ).toEqual([]);
  });
});
