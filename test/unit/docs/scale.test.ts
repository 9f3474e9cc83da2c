import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { generatedBlock } from "../../support/markdown";
import { operationCosts } from "../../support/operation-costs";
import { costsTable, functionOf, ids, workloadTable } from "../../support/scale-tables";

const page = readFileSync(resolve(import.meta.dirname, "../../../docs/scale.md"), "utf8");

describe("docs/scale.md", () => {
  it("names routes and stream functions that exist, for every measured operation", () => {
    for (const id of ids) expect(functionOf(id), operationCosts[id].route).toBeDefined();
  });

  it.each([
    ["costs", costsTable],
    ["workload", workloadTable],
  ])("has its %s table as the measured costs make it (generated)", (name, make) => {
    const expected = make();
    expect(generatedBlock(page, name), `paste between the ${name} markers:\n${expected}\n`).toBe(
      expected,
    );
  });
});
