import { describe, expect, it } from "vitest";
import { progress } from "../../../infra/local/progress";

describe("progress lines", () => {
  it("prints one named line at a time, at most one per interval unless forced", () => {
    const lines: string[] = [];
    const report = progress("soak", 60_000, (line) => lines.push(line));
    report("first");
    report("dropped: too soon");
    report("last", true);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^soak: first \[\d+\.\d s\]\n$/);
    expect(lines[1]).toMatch(/^soak: last \[/);
  });

  it("prints every line when the interval is 0", () => {
    const lines: string[] = [];
    const report = progress("seed", 0, (line) => lines.push(line));
    for (const step of ["a", "b", "c"]) report(step);
    expect(lines.map((line) => line.split(" [")[0])).toEqual(["seed: a", "seed: b", "seed: c"]);
  });
});
