// `npm run verify-draw -- <raffle URL | saved audit file> [--register] [--ticket N --code CODE]
//   [--beacon-key HEX] [--save FILE]`: recomputes a drawn raffle's winners from its audit,
// offline once the audit (and the register) are fetched, and prints every check. Exit status 0
// when all of them hold, 1 when one fails (the first is named), 2 when it could not run.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { RegisterExportEntry } from "#raffles/core/audit-document";
import { publicKeyOf } from "#raffles/core/bls";
import { type Check, verifyAudit } from "#raffles/core/draw-verifier";
import { BEACON_KEY_FILE } from "../infra/local/local-secrets";
import { progress } from "../infra/local/progress";

const USAGE =
  "usage: npm run verify-draw -- <raffle URL | audit file> [--register] " +
  "[--ticket N --code CODE] [--beacon-key HEX] [--save FILE]";

/** What a saved file may hold: the audit alone, or the audit with the register (`--save`). */
interface Saved {
  audit: unknown;
  tickets?: RegisterExportEntry[];
}

class UsageError extends Error {}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  const body = await response.text();
  if (!response.ok)
    throw new UsageError(`GET ${url}: HTTP ${response.status} ${body.slice(0, 200)}`);
  return JSON.parse(body);
}

/** Every entry of a register listing, page after page, with a progress line every 2 s. */
async function fetchRegister(base: string, query: Record<string, string> = {}) {
  const entries: RegisterExportEntry[] = [];
  const report = progress("register");
  let pages = 0;
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ ...query, limit: "100", ...(cursor ? { cursor } : {}) });
    const page = (await getJson(`${base}/audit/tickets?${params}`)) as {
      items: RegisterExportEntry[];
      next_cursor: string | null;
    };
    entries.push(...page.items);
    pages++;
    cursor = page.next_cursor;
    report(
      `${entries.length} entries fetched, ${pages} pages${cursor ? ", more to come" : ", done"}`,
      !cursor,
    );
  } while (cursor);
  return entries;
}

/** The raffle's URL (without `/audit`) from what the user typed. */
function raffleUrl(source: string) {
  const url = new URL(source);
  url.pathname = url.pathname.replace(/\/+$/, "").replace(/\/audit$/, "");
  if (!/\/v1\/raffles\/[^/]+$/.test(url.pathname)) {
    throw new UsageError(`Not a raffle URL (…/v1/raffles/<id>): ${source}`);
  }
  url.search = "";
  return url.toString().replace(/\/+$/, "");
}

/** The local beacon key to trust: given, or the one `npm start` keeps under DATA_DIR. */
function localKey(given: string | undefined): { key?: string; note?: string } {
  if (given) return { key: given };
  const file = join(process.env.DATA_DIR ?? ".data", BEACON_KEY_FILE);
  if (!existsSync(file)) return {};
  return {
    key: publicKeyOf(readFileSync(file, "utf8").trim()),
    note: `trusting the local beacon key of ${file}`,
  };
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      register: { type: "boolean" },
      ticket: { type: "string" },
      code: { type: "string" },
      "beacon-key": { type: "string" },
      save: { type: "string" },
    },
  });
  const [source] = positionals;
  if (!source || positionals.length > 1) throw new UsageError(USAGE);
  if ((values.ticket === undefined) !== (values.code === undefined)) {
    throw new UsageError("--ticket and --code go together");
  }
  const ticketNumber = values.ticket === undefined ? undefined : Number(values.ticket);
  if (ticketNumber !== undefined && !(Number.isInteger(ticketNumber) && ticketNumber >= 1)) {
    throw new UsageError("--ticket takes a ticket number");
  }

  let saved: Saved;
  if (/^https?:\/\//.test(source)) {
    const base = raffleUrl(source);
    saved = { audit: await getJson(`${base}/audit`) };
    if (values.register) saved.tickets = await fetchRegister(base);
    else if (ticketNumber !== undefined) {
      // Only the ticket's own shard is needed to check it is in the register.
      const [entry] = (
        (await getJson(`${base}/audit/tickets?ticket_number=${ticketNumber}`)) as {
          items: RegisterExportEntry[];
        }
      ).items;
      saved.tickets = entry ? await fetchRegister(base, { shard: String(entry.shard) }) : [];
    }
  } else {
    const content = JSON.parse(readFileSync(source, "utf8")) as Record<string, unknown>;
    saved = "audit" in content ? (content as unknown as Saved) : { audit: content };
    if ((values.register || ticketNumber !== undefined) && !saved.tickets) {
      throw new UsageError(`${source} holds no register: save one with --register --save`);
    }
  }
  if (values.save) writeFileSync(values.save, `${JSON.stringify(saved, null, 2)}\n`);

  const trust = localKey(values["beacon-key"]);
  if (trust.note) console.log(trust.note);
  const checks = verifyAudit(saved.audit, {
    ...(values.register && saved.tickets ? { register: saved.tickets } : {}),
    ...(ticketNumber !== undefined && values.code
      ? { ticket: { ticketNumber, code: values.code, entries: saved.tickets ?? [] } }
      : {}),
    ...(trust.key ? { localBeaconKey: trust.key } : {}),
  });
  report(checks);
  return checks.every((c) => c.ok) ? 0 : 1;
}

function report(checks: readonly Check[]) {
  const width = Math.max(...checks.map((c) => c.name.length));
  for (const c of checks)
    console.log(`${c.ok ? "ok  " : "FAIL"}  ${c.name.padEnd(width)}  ${c.detail}`);
  const failed = checks.find((c) => !c.ok);
  console.log(
    failed
      ? `\nNOT VERIFIED: the first failed check is ${failed.name}`
      : `\nVERIFIED: all ${checks.length} checks hold`,
  );
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(
    error instanceof UsageError ? error.message : `verify-draw: ${(error as Error).message}`,
  );
  process.exitCode = 2;
}
