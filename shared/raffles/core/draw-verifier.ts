// The verifier's checks, pure: everything is recomputed from the audit (and the exported
// register) with the same functions the draw used; nothing is taken on the operator's word but
// the inputs themselves. `npm run verify-draw` prints them.

import { shardRange } from "#platform/sharded-counter";
import { type Audit, auditSchema, type RegisterExportEntry } from "./audit-document";
import { randomnessOf, verifyRoundSignature } from "./bls";
import {
  BEACON_DELAY_MS,
  beaconRoundFor,
  DRAW_ALGORITHM,
  drawCommitment,
  seedForWinners,
  soldOutAt,
  winnersFromSeed,
} from "./draw-algorithm";
import { byTicketNumber } from "./prizes";
import { QUICKNET } from "./quicknet";
import { chainHeadOf, codeDigest, registerDigest } from "./ticket-chain";
import { normaliseVerificationCode } from "./verification-code";

/** One check: its name, whether it holds, and what was compared. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface VerifyOptions {
  /** Every exported register entry: the chains are recomputed from them (`--register`). */
  register?: readonly RegisterExportEntry[];
  /** A player's ticket and code, to find in the register (its shard's entries suffice). */
  ticket?: { ticketNumber: number; code: string; entries: readonly RegisterExportEntry[] };
  /** The public key (hex) of a local beacon the caller trusts; drand's is pinned in the code. */
  localBeaconKey?: string;
}

/** The schedule and key a verifier trusts for the beacon an audit names, if any. */
function trustedBeacon(audit: Audit, localBeaconKey: string | undefined) {
  if (audit.beacon.network === QUICKNET.network) {
    return {
      chain_hash: QUICKNET.chainHash,
      public_key: QUICKNET.publicKey,
      scheme: QUICKNET.scheme,
      genesis_time: QUICKNET.genesisTime,
      period_seconds: QUICKNET.periodSeconds,
    };
  }
  if (audit.beacon.network === "local" && localBeaconKey) {
    return {
      chain_hash: null,
      public_key: localBeaconKey.toLowerCase(),
      scheme: QUICKNET.scheme,
      genesis_time: QUICKNET.genesisTime,
      period_seconds: QUICKNET.periodSeconds,
    };
  }
  return undefined;
}

const check = (name: string, ok: boolean, detail: string): Check => ({ name, ok, detail });

/** Checks that one shard's entries are its whole chain, in order, ending at its head. */
function chainProblem(
  audit: Audit,
  chain: Audit["chains"][number],
  entries: readonly RegisterExportEntry[],
): string | undefined {
  const ordered = [...entries].sort((a, b) => a.position - b.position);
  if (ordered.some((entry, i) => entry.position !== i)) {
    return `shard ${chain.shard}: positions are not 0..${ordered.length - 1}`;
  }
  if (ordered.length !== chain.tickets_claimed) {
    return `shard ${chain.shard}: ${ordered.length} entries, the audit says ${chain.tickets_claimed}`;
  }
  if (chainHeadOf(audit.raffle_id, chain.shard, ordered) !== chain.head) {
    return `shard ${chain.shard}: its entries do not lead to its head ${chain.head}`;
  }
  const last = ordered.at(-1);
  if ((last?.claimed_at ?? null) !== chain.last_claimed_at) {
    return `shard ${chain.shard}: its last claim is not at ${chain.last_claimed_at}`;
  }
  return undefined;
}

function registerCheck(audit: Audit, register: readonly RegisterExportEntry[]): Check {
  const byShard = new Map<number, RegisterExportEntry[]>();
  for (const entry of register)
    byShard.set(entry.shard, [...(byShard.get(entry.shard) ?? []), entry]);
  const known = new Set(audit.chains.map((chain) => chain.shard));
  const stray = [...byShard.keys()].find((shard) => !known.has(shard));
  if (stray !== undefined)
    return check("register", false, `entries of shard ${stray}, which the audit does not have`);
  for (const chain of audit.chains) {
    const problem = chainProblem(audit, chain, byShard.get(chain.shard) ?? []);
    if (problem) return check("register", false, problem);
  }
  const tickets = register.map((entry) => entry.ticket_number).sort((a, b) => a - b);
  if (tickets.length !== audit.total_tickets || tickets.some((ticket, i) => ticket !== i + 1)) {
    return check("register", false, `the tickets are not 1..${audit.total_tickets}, each once`);
  }
  return check(
    "register",
    true,
    `${register.length} tickets, each shard's chain recomputed to its head`,
  );
}

function ticketCheck(audit: Audit, ticket: NonNullable<VerifyOptions["ticket"]>): Check {
  const canonical = normaliseVerificationCode(ticket.code);
  if (!canonical) return check("ticket", false, "that is not a verification code");
  const entry = ticket.entries.find((found) => found.ticket_number === ticket.ticketNumber);
  if (!entry) return check("ticket", false, `ticket ${ticket.ticketNumber} is not in the register`);
  if (entry.code_digest !== codeDigest(audit.raffle_id, ticket.ticketNumber, canonical)) {
    return check("ticket", false, `ticket ${ticket.ticketNumber} is registered with another code`);
  }
  const chain = audit.chains.find((found) => found.shard === entry.shard);
  const shardEntries = ticket.entries.filter((found) => found.shard === entry.shard);
  const problem = chain ? chainProblem(audit, chain, shardEntries) : `no shard ${entry.shard}`;
  if (problem) return check("ticket", false, problem);
  return check(
    "ticket",
    true,
    `ticket ${ticket.ticketNumber} and your code are entry ${entry.position} of shard ${entry.shard}, whose chain leads to its head`,
  );
}

/** Every check of a drawn raffle's audit, in order; the first that fails is the one to report. */
export function verifyAudit(input: unknown, options: VerifyOptions = {}): Check[] {
  const parsed = auditSchema.safeParse(input);
  if (!parsed.success) return [check("audit", false, "the audit is not of the audit's form")];
  const audit = parsed.data;
  const { operator_seed, seed_for_winners, winners, register_digest } = audit;
  const { round, signature, randomness } = audit.beacon;
  if (
    audit.status !== "drawn" ||
    !operator_seed ||
    !seed_for_winners ||
    !winners ||
    !register_digest ||
    round === null ||
    !signature ||
    !randomness
  ) {
    return [
      check(
        "audit",
        false,
        `the raffle is ${audit.status}, not drawn: there is no draw to verify yet`,
      ),
    ];
  }
  if (audit.algorithm !== DRAW_ALGORITHM) {
    return [
      check("audit", false, `algorithm ${audit.algorithm}; this verifier knows ${DRAW_ALGORITHM}`),
    ];
  }
  const checks: Check[] = [check("audit", true, `raffle ${audit.raffle_id}, ${DRAW_ALGORITHM}`)];

  checks.push(
    check(
      "commitment",
      drawCommitment(operator_seed) === audit.draw_commitment,
      "SHA-256(operator_seed) = draw_commitment, published at creation",
    ),
  );
  if (options.register) checks.push(registerCheck(audit, options.register));
  if (options.ticket) checks.push(ticketCheck(audit, options.ticket));

  const expectedShards = audit.chains.map((_, i) =>
    shardRange(audit.total_tickets, audit.chains.length, i),
  );
  const complete =
    audit.chains.length > 0 &&
    audit.chains.every(
      (chain, i) =>
        chain.shard === i &&
        chain.capacity === (expectedShards[i]?.end ?? 0) - (expectedShards[i]?.start ?? 0) &&
        chain.tickets_claimed === chain.capacity,
    );
  const digest = registerDigest(
    audit.raffle_id,
    audit.total_tickets,
    audit.chains.map((chain) => chain.head),
  );
  checks.push(
    check(
      "register_digest",
      complete && digest === register_digest,
      complete
        ? "the digest of the shards' chain heads = register_digest"
        : "not every shard is full",
    ),
  );

  const lastClaims = audit.chains.map((chain) => chain.last_claimed_at ?? "");
  const soldOut = lastClaims.every(Boolean) ? soldOutAt(lastClaims) : null;
  checks.push(
    check(
      "sold_out_at",
      soldOut !== null && soldOut === audit.sold_out_at,
      `the last claim, at ${soldOut}`,
    ),
  );

  const trusted = trustedBeacon(audit, options.localBeaconKey);
  const stated = audit.beacon;
  const sameBeacon =
    trusted !== undefined &&
    stated.public_key.toLowerCase() === trusted.public_key &&
    stated.chain_hash === trusted.chain_hash &&
    stated.scheme === trusted.scheme &&
    stated.genesis_time === trusted.genesis_time &&
    stated.period_seconds === trusted.period_seconds;
  checks.push(
    check(
      "beacon_key",
      sameBeacon,
      trusted
        ? `${stated.network}, signed by the trusted key ${trusted.public_key.slice(0, 16)}…`
        : stated.network === "local"
          ? "a local beacon: pass its public key (--beacon-key) to trust it"
          : `an unknown beacon network ${stated.network}`,
    ),
  );
  const schedule = {
    genesisTime: trusted?.genesis_time ?? stated.genesis_time,
    periodSeconds: trusted?.period_seconds ?? stated.period_seconds,
  };
  const expectedRound = soldOut ? beaconRoundFor(schedule, soldOut) : null;
  checks.push(
    check(
      "beacon_round",
      expectedRound === round,
      `the first round at least ${BEACON_DELAY_MS / 1000} s after the last claim: ${expectedRound}`,
    ),
  );
  const key = trusted?.public_key ?? stated.public_key;
  checks.push(
    check(
      "beacon_signature",
      trusted !== undefined && verifyRoundSignature(round, signature, key),
      `BLS signature of round ${round} under the trusted key`,
    ),
  );
  const actualRandomness = randomnessOf(signature);
  checks.push(
    check("beacon_randomness", actualRandomness === randomness, "SHA-256(signature) = randomness"),
  );
  const seed = seedForWinners({
    raffleId: audit.raffle_id,
    operatorSeed: operator_seed,
    registerDigest: digest,
    beaconRandomness: actualRandomness,
  });
  checks.push(
    check(
      "seed_for_winners",
      seed === seed_for_winners,
      "SHA-256(operator_seed ‖ register digest ‖ beacon randomness ‖ raffle id)",
    ),
  );
  const expected = byTicketNumber(winnersFromSeed(seed, audit.total_tickets, audit.prizes));
  const stored = byTicketNumber(winners);
  const same =
    expected.length === stored.length &&
    expected.every(
      (w, i) => w.ticket_number === stored[i]?.ticket_number && w.prize === stored[i]?.prize,
    );
  checks.push(
    check("winners", same, `${expected.length} prize units, recomputed from seed_for_winners`),
  );
  return checks;
}
