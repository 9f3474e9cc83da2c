/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");

/** The anchors of a page's headings (outside code blocks). */
export const anchorsOf = (markdown: string) =>
  new Set(
    markdown
      .replace(/```[\s\S]*?```/g, "")
      .split("\n")
      .filter((line) => /^#{1,6}\s/.test(line))
      .map((line) => slug(line.replace(/^#+/, ""))),
  );

/** The text of the section under the heading with this anchor, up to the next heading of its level or above. */
export function sectionOf(markdown: string, anchor: string): string | undefined {
  const lines = markdown.split("\n");
  const start = lines.findIndex(
    (line) => /^#{1,6}\s/.test(line) && slug(line.replace(/^#+/, "")) === anchor,
  );
  if (start < 0) return undefined;
  const level = /^#+/.exec(lines[start] as string)?.[0].length ?? 1;
  const end = lines.findIndex(
    (line, i) =>
      i > start && /^#{1,6}\s/.test(line) && (/^#+/.exec(line)?.[0].length ?? 7) <= level,
  );
  return lines.slice(start, end < 0 ? undefined : end).join("\n");
}

/** A GitHub markdown table; a `|` inside a cell is escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]) {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell) => cell.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(header), `|${header.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n");
}

/** The text between `<!-- name:begin ... -->` and `<!-- name:end -->`, trimmed. */
export function generatedBlock(markdown: string, name: string): string | undefined {
  const match = new RegExp(`<!-- ${name}:begin[^>]*-->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(
    markdown,
  );
  return match?.[1]?.trim();
}
