import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { anchorsOf } from "../support/markdown";

const ROOT = resolve(import.meta.dirname, "../..");
const pages = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((file) => file.endsWith(".md"))
    .map((file) => `docs/${file}`),
];

/** Markdown links outside code: `[text](target)`. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1] as string);
}

describe("links in README.md and docs/", () => {
  it.each(pages)(
    "%s links only to files of this repository, and to headings that exist",
    (page) => {
      const text = readFileSync(join(ROOT, page), "utf8");
      for (const link of linksOf(text)) {
        if (/^(https?|mailto):/.test(link)) continue;
        const [path = "", anchor] = link.split("#");
        const target = path ? resolve(dirname(join(ROOT, page)), path) : join(ROOT, page);
        expect(
          relative(ROOT, target).startsWith(".."),
          `${page}: ${link} leaves the repository`,
        ).toBe(false);
        expect(existsSync(target), `${page}: ${link} names no file`).toBe(true);
        if (anchor && statSync(target).isFile() && target.endsWith(".md")) {
          const anchors = anchorsOf(readFileSync(target, "utf8"));
          expect(anchors.has(anchor), `${page}: ${link} names no heading`).toBe(true);
        }
      }
    },
  );

  it("README.md names the docs page and the two commands, on one screen", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toContain("http://127.0.0.1:3000/docs");
    expect(readme).toContain("npm ci && npm start");
    expect(readme).toContain("npm ci && npm test");
    expect(readme.split("\n").length).toBeLessThanOrEqual(40);
  });
});

/** `shared/<…>.ts` files whose first comment documents an item layout as a table. */
function itemLayouts(): { file: string; rows: string[][] }[] {
  const layouts: { file: string; rows: string[][] }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) {
        const comment = /^\/\*\*?([\s\S]*?)\*\//.exec(readFileSync(path, "utf8"))?.[1] ?? "";
        // The first table of the comment is the layout; later tables say other things (costs).
        const commentLines = comment
          .split("\n")
          .map((line) => line.replace(/^\s*\*\s?/, "").trim());
        const start = commentLines.findIndex((line) => line.startsWith("|"));
        const end = commentLines.findIndex((line, i) => i > start && !line.startsWith("|"));
        const lines = start < 0 ? [] : commentLines.slice(start, end < 0 ? undefined : end);
        const cells = lines.map((line) => line.split("|").slice(1, -1).map(normalise));
        const header = cells[0] ?? [];
        if (header[0] !== "item" || header[1] !== "pk" || header[2] !== "sk") continue;
        // Skip the header, the |---| line, and the rows that continue the row above.
        const rows = cells.slice(2).filter((row) => row[0]);
        layouts.push({ file: relative(ROOT, path), rows: rows.map((row) => row.slice(0, 3)) });
      }
    }
  };
  walk(join(ROOT, "shared"));
  return layouts;
}

const normalise = (cell: string) => cell.replace(/`/g, "").replace(/\s+/g, " ").trim();

describe("docs/architecture.md", () => {
  const architecture = readFileSync(join(ROOT, "docs/architecture.md"), "utf8");
  const documented = new Set(
    architecture
      .split("\n")
      .filter((line) => line.startsWith("|"))
      .map((line) => line.split("|").slice(1, 4).map(normalise).join(" | ")),
  );
  const layouts = itemLayouts();

  it("finds the item layouts of the domains", () => {
    expect(layouts.map((layout) => layout.file).sort()).toEqual(
      expect.arrayContaining([
        "shared/accounts/store/keys.ts",
        "shared/monitoring/store/keys.ts",
        "shared/raffles/store/keys.ts",
      ]),
    );
  });

  it.each(layouts.map((layout) => [layout.file, layout] as const))(
    "lists every item of %s with its keys",
    (_, { rows }) => {
      for (const [item, pk, sk] of rows) {
        expect(documented, `${item}: ${pk} / ${sk}`).toContain(`${item} | ${pk} | ${sk}`);
      }
    },
  );
});
