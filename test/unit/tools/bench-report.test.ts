import { describe, expect, it } from "vitest";
import { capture, chartsOf, reportHtml, type Section } from "../../../bench/report";

describe("npm run bench -- --report", () => {
  it("records what a section prints, text and tables, in order", async () => {
    const section: Section = { name: "demo", blocks: [] };
    await capture(section, async () => {
      console.log("### claims", 3);
      console.table([{ route: "GET /x", "p50 ms": 1.5, "p99 ms": 9 }]);
    });
    expect(section.blocks).toEqual([
      { kind: "text", line: "### claims 3" },
      { kind: "table", rows: [{ route: "GET /x", "p50 ms": 1.5, "p99 ms": 9 }] },
    ]);
  });

  it("draws a latency table as one distribution chart, a size table as curves", () => {
    const latency = chartsOf([
      { route: "GET /a", "p50 ms": 2, "p99 ms": 20, requests: 100 },
      { route: "GET /b", "p50 ms": 3, "p99 ms": 30, requests: 50 },
    ]);
    // p50 and p99 side by side per route, then the request counts.
    expect(latency).toHaveLength(2);
    expect(latency[0]).toContain("p50 ms, p99 ms");
    expect(latency[0]?.match(/<rect /g)).toHaveLength(4 + 2); // 4 bars, 2 legend keys
    const scale = chartsOf([
      { tickets: 100, "ms per claim": 5, items: 300 },
      { tickets: 1000, "ms per claim": 6, items: 3000 },
      { tickets: 10000, "ms per claim": 8, items: 30000 },
    ]);
    expect(scale).toHaveLength(2);
    for (const svg of scale) expect(svg.match(/<polyline /g)).toHaveLength(1);
    // One row: its latencies side by side, its other figures are only table cells.
    expect(chartsOf([{ measure: "x", median: 1, p95: 2, count: 3 }])).toHaveLength(1);
    // Nothing to chart: text only.
    expect(chartsOf([{ name: "a", note: "b" }])).toEqual([]);
  });

  it("writes a self-contained page: tables, inline SVG charts, escaped text, nothing fetched", () => {
    const html = reportHtml(
      [
        {
          name: "bundles",
          blocks: [
            { kind: "text", line: "<script>alert(1)</script>" },
            {
              kind: "table",
              rows: [
                { function: "a.ts", bytes: 10 },
                { function: "b.ts", bytes: 20 },
              ],
            },
          ],
        },
      ],
      { command: "npm run bench -- --report bundles", date: new Date(0) },
    );
    expect(html).toContain("<table>");
    expect(html).toContain("<svg ");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/<script|<link|src=|href="http/);
    expect(html).toContain("load average");
  });
});
