// `npm run bench -- --report`: the same run, also written as one HTML page — every table the
// sections print, each followed by its charts (inline SVG, no script, nothing fetched), and
// every text line. The sections print as before; the page is made from what they print.
import { cpus, loadavg } from "node:os";

type Cell = string | number | boolean | null | undefined;
type Row = Record<string, Cell>;

/** What one section printed, in order. */
export type Block = { kind: "text"; line: string } | { kind: "table"; rows: Row[] };

export interface Section {
  name: string;
  blocks: Block[];
}

/** Records every `console.log` and `console.table` of `run` into `section`, printing them too. */
export async function capture(section: Section, run: () => Promise<void>): Promise<void> {
  const { log, table } = console;
  // console.table prints through console.log: its drawing is not a text line of its own.
  let drawingTable = false;
  console.log = (...args: unknown[]) => {
    if (!drawingTable) section.blocks.push({ kind: "text", line: args.map(String).join(" ") });
    log(...args);
  };
  console.table = (data: unknown, columns?: readonly string[]) => {
    const rows = Array.isArray(data) ? data : Object.values(data as object);
    section.blocks.push({ kind: "table", rows: rows as Row[] });
    drawingTable = true;
    try {
      table(data, columns as string[]);
    } finally {
      drawingTable = false;
    }
  };
  try {
    await run();
  } finally {
    Object.assign(console, { log, table });
  }
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

const isNumber = (value: Cell): value is number =>
  typeof value === "number" && Number.isFinite(value);

/** The columns of a table, in the order its rows first name them. */
const columnsOf = (rows: Row[]) => [...new Set(rows.flatMap((row) => Object.keys(row)))];

/** A column every row of which holds a finite number. */
const numericColumns = (rows: Row[]) =>
  columnsOf(rows).filter((column) => rows.every((row) => isNumber(row[column])));

const LATENCY = /\b(p\d{1,3}|median|mean|max|min)\b|\bms\b/i;
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

const format = (value: number) =>
  Math.abs(value) >= 1000
    ? Math.round(value).toLocaleString("en-US")
    : String(Number(value.toPrecision(4)));

/** Horizontal bars: one group per row, one bar per series (a latency distribution, or a figure). */
export function barChart(
  title: string,
  labels: string[],
  series: { name: string; values: number[] }[],
) {
  const barHeight = 12;
  const groupHeight = barHeight * series.length + 8;
  const labelWidth = Math.min(320, 8 + 7 * Math.max(...labels.map((label) => label.length), 4));
  const plotWidth = 420;
  const legendHeight = series.length > 1 ? 18 : 0;
  const height = 24 + legendHeight + groupHeight * labels.length + 4;
  const max = Math.max(...series.flatMap((s) => s.values), 0) || 1;
  const parts: string[] = [`<text x="0" y="14" font-weight="bold">${escapeHtml(title)}</text>`];
  if (legendHeight) {
    series.forEach((s, i) => {
      const x = labelWidth + i * 130;
      parts.push(
        `<rect x="${x}" y="22" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/>`,
        `<text x="${x + 14}" y="31">${escapeHtml(s.name.slice(0, 18))}</text>`,
      );
    });
  }
  labels.forEach((label, row) => {
    const top = 24 + legendHeight + row * groupHeight;
    parts.push(
      `<text x="${labelWidth - 6}" y="${top + (barHeight * series.length) / 2 + 4}" text-anchor="end">${escapeHtml(label)}</text>`,
    );
    series.forEach((s, i) => {
      const value = s.values[row] ?? 0;
      const width = Math.max(1, (value / max) * plotWidth);
      const y = top + i * barHeight;
      parts.push(
        `<rect x="${labelWidth}" y="${y}" width="${width.toFixed(1)}" height="${barHeight - 2}" fill="${PALETTE[i % PALETTE.length]}"><title>${escapeHtml(`${label} · ${s.name}: ${value}`)}</title></rect>`,
        `<text x="${labelWidth + width + 4}" y="${y + barHeight - 3}">${format(value)}</text>`,
      );
    });
  });
  const width = labelWidth + plotWidth + 70;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">${parts.join("")}</svg>`;
}

/** Lines over a numeric x (a scale curve: a figure as the size grows). */
export function lineChart(
  title: string,
  xName: string,
  xs: number[],
  series: { name: string; values: number[] }[],
) {
  const width = 560;
  const height = 260;
  const left = 60;
  const right = 150;
  const top = 24;
  const bottom = 36;
  const [minX, maxX] = [Math.min(...xs), Math.max(...xs)];
  const maxY = Math.max(...series.flatMap((s) => s.values), 0) || 1;
  const px = (x: number) => left + ((x - minX) / (maxX - minX || 1)) * (width - left - right);
  const py = (y: number) => height - bottom - (y / maxY) * (height - top - bottom);
  const parts: string[] = [
    `<text x="0" y="14" font-weight="bold">${escapeHtml(title)}</text>`,
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="#888"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#888"/>`,
    `<text x="${left - 4}" y="${top + 4}" text-anchor="end">${format(maxY)}</text>`,
    `<text x="${left - 4}" y="${height - bottom}" text-anchor="end">0</text>`,
    `<text x="${(left + width - right) / 2}" y="${height - 6}" text-anchor="middle">${escapeHtml(xName)}</text>`,
  ];
  for (const x of xs) {
    parts.push(
      `<text x="${px(x).toFixed(1)}" y="${height - bottom + 14}" text-anchor="middle">${format(x)}</text>`,
    );
  }
  series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const points = xs.map((x, j) => `${px(x).toFixed(1)},${py(s.values[j] ?? 0).toFixed(1)}`);
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.join(" ")}"/>`,
      ...xs.map(
        (x, j) =>
          `<circle cx="${px(x).toFixed(1)}" cy="${py(s.values[j] ?? 0).toFixed(1)}" r="3" fill="${color}"><title>${escapeHtml(`${s.name} at ${x}: ${s.values[j]}`)}</title></circle>`,
      ),
      `<rect x="${width - right + 10}" y="${top + i * 16}" width="10" height="10" fill="${color}"/>`,
      `<text x="${width - right + 24}" y="${top + i * 16 + 9}">${escapeHtml(s.name.slice(0, 20))}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">${parts.join("")}</svg>`;
}

/**
 * The charts of one table: a curve when its first column is a number (a size, a count) over
 * three rows or more; else the latency columns (p50, p99, median…) side by side per row, a
 * distribution; and, over two rows or more, a bar chart of each other numeric column.
 */
export function chartsOf(rows: Row[]): string[] {
  if (rows.length === 0) return [];
  const columns = columnsOf(rows);
  const numeric = numericColumns(rows);
  const first = columns[0] as string;
  const values = (column: string) => rows.map((row) => row[column] as number);
  if (numeric.includes(first) && rows.length >= 3) {
    const others = numeric.filter((column) => column !== first);
    if (others.length === 0) return [];
    // One curve per unit: times apart from counts, so neither flattens the other.
    const latency = others.filter((column) => LATENCY.test(column));
    const rest = others.filter((column) => !LATENCY.test(column));
    return [latency, rest]
      .filter((group) => group.length > 0)
      .map((group) =>
        lineChart(
          group.join(", "),
          first,
          values(first),
          group.map((name) => ({ name, values: values(name) })),
        ),
      );
  }
  const labelColumn = columns.find((column) => !numeric.includes(column));
  const labels = rows.map((row, i) => String(labelColumn ? row[labelColumn] : i));
  const latency = numeric.filter((column) => LATENCY.test(column));
  const charts: string[] = [];
  const rest = latency.length >= 2 ? numeric.filter((c) => !latency.includes(c)) : numeric;
  if (latency.length >= 2) {
    charts.push(
      barChart(
        latency.join(", "),
        labels,
        latency.map((name) => ({ name, values: values(name) })),
      ),
    );
  }
  // A single row's figure is its table cell: a bar of its own would compare it with nothing.
  for (const column of rows.length >= 2 ? rest.slice(0, 4) : []) {
    charts.push(barChart(column, labels, [{ name: column, values: values(column) }]));
  }
  return charts;
}

function tableHtml(rows: Row[]) {
  const columns = columnsOf(rows);
  const head = columns.map((column) => `<th>${escapeHtml(column)}</th>`).join("");
  const body = rows
    .map(
      (row) =>
        `<tr>${columns
          .map((column) => {
            const value = row[column];
            return `<td${isNumber(value) ? ' class="n"' : ""}>${escapeHtml(value === undefined ? "" : String(value))}</td>`;
          })
          .join("")}</tr>`,
    )
    .join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The whole page: where and when it ran, then each section's text, tables and charts. */
export function reportHtml(sections: Section[], meta: { command: string; date: Date }): string {
  const load = loadavg().map((n) => n.toFixed(2));
  const parts: string[] = [];
  for (const section of sections) {
    parts.push(`<h2 id="${escapeHtml(section.name)}">${escapeHtml(section.name)}</h2>`);
    let text: string[] = [];
    const flush = () => {
      if (text.length > 0) parts.push(`<pre>${escapeHtml(text.join("\n"))}</pre>`);
      text = [];
    };
    for (const block of section.blocks) {
      if (block.kind === "text") {
        text.push(block.line);
        continue;
      }
      flush();
      parts.push(
        tableHtml(block.rows),
        ...chartsOf(block.rows).map((svg) => `<figure>${svg}</figure>`),
      );
    }
    flush();
  }
  const toc = sections
    .map((s) => `<a href="#${escapeHtml(s.name)}">${escapeHtml(s.name)}</a>`)
    .join(" · ");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tombola benchmarks, ${escapeHtml(meta.date.toISOString())}</title>
<style>
body { font-family: sans-serif; margin: 2em; max-width: 1200px; }
table { border-collapse: collapse; margin: 1em 0; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 2px 6px; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #f3f3f3; } pre { background: #f7f7f7; padding: 0.5em; white-space: pre-wrap; }
figure { margin: 0.5em 0 1.5em; }
</style></head><body>
<h1>Tombola benchmarks</h1>
<p><code>${escapeHtml(meta.command)}</code> · ${escapeHtml(meta.date.toISOString())} · Node ${escapeHtml(process.version)} ·
${cpus().length} CPUs · load average at the end ${load.join(", ")} (1, 5, 15 min). Figures are measured,
never asserted: on a shared machine compare runs made under the same load.</p>
<p>${toc}</p>
${parts.join("\n")}
</body></html>
`;
}
