import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  chainGenesis,
  chainHeadOf,
  codeDigest,
  nextChainHead,
  type RegisterEntry,
  registerDigest,
} from "#raffles/core/ticket-chain";

const ID = "r_00112233445566778899aabbccddeeff";
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const entry = (ticket: number, at = "2026-12-01T10:00:00.000Z"): RegisterEntry => ({
  ticket_number: ticket,
  code_digest: codeDigest(ID, ticket, `CODE${String(ticket).padStart(12, "0")}`),
  claimed_at: at,
});

describe("the ticket register", () => {
  it("is SHA-256 over short texts anyone can rebuild with printf and sha256sum", () => {
    expect(codeDigest(ID, 17, "7KQ2M9XDPA4T0RVB")).toBe(
      sha256(`tombola-ticket-v1:${ID}:17:7KQ2M9XDPA4T0RVB`),
    );
    expect(chainGenesis(ID, 3)).toBe(sha256(`tombola-chain-v1:${ID}:3`));
    const first = entry(5);
    expect(nextChainHead(chainGenesis(ID, 0), first)).toBe(
      sha256(`${chainGenesis(ID, 0)}:5:${first.code_digest}:${first.claimed_at}`),
    );
    expect(registerDigest(ID, 40, ["aa", "bb"])).toBe(sha256(`tombola-register-v1:${ID}:40:aa:bb`));
  });

  it("gives a chain head that changes with any ticket, code, time, order or shard", () => {
    const entries = [entry(5), entry(9), entry(2)];
    const head = chainHeadOf(ID, 0, entries);
    expect(chainHeadOf(ID, 0, entries)).toBe(head);
    const variants = [
      [entry(5), entry(9), entry(3)],
      [entry(5), { ...entry(9), code_digest: codeDigest(ID, 9, "0000000000000000") }, entry(2)],
      [entry(5), entry(9, "2026-12-01T10:00:00.001Z"), entry(2)],
      [entry(9), entry(5), entry(2)],
      [entry(5), entry(9)],
    ];
    for (const variant of variants) expect(chainHeadOf(ID, 0, variant)).not.toBe(head);
    expect(chainHeadOf(ID, 1, entries)).not.toBe(head);
    expect(chainHeadOf(`r_${"f".repeat(32)}`, 0, entries)).not.toBe(head);
  });

  it("binds a code to its raffle and ticket number", () => {
    const code = "7KQ2M9XDPA4T0RVB";
    const digest = codeDigest(ID, 17, code);
    expect(codeDigest(ID, 18, code)).not.toBe(digest);
    expect(codeDigest(`r_${"f".repeat(32)}`, 17, code)).not.toBe(digest);
  });

  it("digests the shards' heads in shard order, with the raffle and its size", () => {
    const heads = [chainGenesis(ID, 0), chainGenesis(ID, 1)];
    const digest = registerDigest(ID, 40, heads);
    expect(registerDigest(ID, 40, [...heads].reverse())).not.toBe(digest);
    expect(registerDigest(ID, 41, heads)).not.toBe(digest);
  });
});
