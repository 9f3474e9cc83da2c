import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { type MetricName, metricCatalogue } from "#app/metrics";
import { alarmKinds } from "../../../infra/alarm-kinds";
import { anchorsOf, generatedBlock, markdownTable, sectionOf } from "../../support/markdown";

const page = readFileSync(resolve(import.meta.dirname, "../../../docs/operations.md"), "utf8");

/** The operations page's metric table, as the catalogue defines it. */
const metricsTable = () =>
  markdownTable(
    ["metric", "domain", "unit", "dimensions", "what it counts"],
    (Object.keys(metricCatalogue) as MetricName[]).map((name) => {
      const { domain, unit, dimensions, description } = metricCatalogue[name];
      return [
        `\`${name}\``,
        domain,
        unit,
        ["service", ...dimensions].map((d) => `\`${d}\``).join(", "),
        description,
      ];
    }),
  );

describe("docs/operations.md", () => {
  it("lists every metric of the catalogue, as the catalogue says (the table is generated)", () => {
    const expected = metricsTable();
    expect(
      generatedBlock(page, "metrics"),
      `paste between the metrics markers:\n${expected}\n`,
    ).toBe(expected);
  });

  it("has a runbook section for every kind of alarm: what it means, how to confirm, what to do", () => {
    const anchors = anchorsOf(page);
    for (const { runbook } of Object.values(alarmKinds)) {
      expect(anchors, runbook).toContain(runbook);
      const section = sectionOf(page, runbook) ?? "";
      for (const part of ["*What it means.*", "*How to confirm.*", "*What to do.*"]) {
        expect(section, `${runbook}: ${part}`).toContain(part);
      }
    }
  });
});
