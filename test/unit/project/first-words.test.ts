import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apiTags } from "#app/routes";

describe("the getting-started guide", () => {
  it("links the guide of every domain, and every domain has one in docs/", () => {
    const guide = readFileSync("docs/getting-started.md", "utf8");
    const paragraph = guide.split("\n\n").find((p) => p.startsWith("Each domain's guide")) ?? "";
    const linked = [...paragraph.matchAll(/\]\(([a-z-]+)\.md\)/g)]
      .map((m) => m[1])
      .filter((page) => page !== "platform"); // what every route shares, not a domain
    const domains = Object.keys(apiTags).filter((tag) => tag !== "platform");
    expect(linked.sort()).toEqual([...domains].sort());
    const docs = readdirSync("docs");
    for (const domain of domains) expect(docs, domain).toContain(`${domain}.md`);
  });
});
