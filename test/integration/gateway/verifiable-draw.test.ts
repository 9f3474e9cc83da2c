import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clock } from "#platform/clock";
import { publicKeyOf } from "#raffles/core/bls";
import { setBeaconClock } from "../../support/beacon-clock";
import { useTestGateway } from "../../support/gateway";
import { expectProblem } from "../../support/problem";

const gateway = useTestGateway();
const scratch = mkdtempSync(join(tmpdir(), "tombola-verify-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const beaconKey = publicKeyOf(process.env.BEACON_KEY as string);
const player = (i: number) => `127.9.${(i >> 8) & 255}.${(i & 255) + 1}`;

/** Runs `npm run verify-draw`'s script as its own process: its exit code and what it printed. */
function verifyDraw(args: string[]) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "tools/verify-draw.ts", ...args],
      { env: { ...process.env, DATA_DIR: scratch }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === "number" ? code : 1, output: stdout + stderr });
      },
    );
  });
}

describe("a verifiable draw over real HTTP, checked by the verifier", () => {
  it("create, claim out, wait for the round, draw, audit: verify-draw recomputes it all", async () => {
    const created = await gateway.send("POST", "/v1/raffles", {
      body: {
        name: "Verifiable",
        total_tickets: 40,
        prizes: [
          { name: "Bike", quantity: 1 },
          { name: "Mug", quantity: 4 },
        ],
      },
      from: "127.0.0.1",
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const url = `${gateway.url}/v1/raffles/${id}`;
    expect(created.body.draw_commitment).toMatch(/^[0-9a-f]{64}$/);

    // Claims stamped a minute ahead of the real time: the round they fix is a minute away, so
    // out of the draw's 15 s wait, however slow this machine is.
    const realRaffleNow = clock.now;
    clock.now = () => Date.now() + 60_000;
    const claims = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        gateway.send("POST", `/v1/raffles/${id}/tickets`, { from: player(i) }),
      ),
    );
    clock.now = realRaffleNow;
    expect(claims.every((claim) => claim.status === 201)).toBe(true);

    const soldOut = await gateway.send("GET", `/v1/raffles/${id}/audit`);
    expect(soldOut.body).toMatchObject({
      status: "sold_out",
      register_digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      operator_seed: null,
      winners: null,
      beacon: { network: "local", signature: null, round: expect.any(Number) },
    });

    const early = await gateway.send("POST", `/v1/raffles/${id}/draw`, { from: "127.0.0.1" });
    expectProblem(early, 503, "beacon_unavailable");
    expect(Number(early.headers["retry-after"])).toBeGreaterThanOrEqual(55);

    const undo = setBeaconClock(Date.parse(soldOut.body.beacon.round_time));
    const draw = await gateway.send("POST", `/v1/raffles/${id}/draw`, { from: "127.0.0.1" });
    undo();
    expect(draw.status).toBe(200);

    const audit = await gateway.send("GET", `/v1/raffles/${id}/audit`);
    expect(audit.body.winners).toEqual(draw.body.winners);
    expect(audit.body.register_digest).toBe(soldOut.body.register_digest);
    expect(audit.body.beacon.round).toBe(soldOut.body.beacon.round);

    const saved = join(scratch, "audit.json");
    const verified = await verifyDraw([
      url,
      "--register",
      "--beacon-key",
      beaconKey,
      "--save",
      saved,
    ]);
    expect(verified.output).toContain("VERIFIED: all");
    expect(verified.code).toBe(0);
    // Paging the register shows its progress (on stderr), ending with the whole count.
    expect(verified.output).toMatch(
      /^register: 40 entries fetched, \d+ pages, done \[\d+\.\d s\]$/m,
    );
    for (const name of [
      "commitment",
      "register",
      "register_digest",
      "beacon_signature",
      "winners",
    ]) {
      expect(verified.output).toMatch(new RegExp(`^ok\\s+${name}\\s`, "m"));
    }

    // A player checks their own ticket, with their own code, against the register.
    const mine = claims[7]?.body as { ticket_number: number; verification_code: string };
    const ticket = await verifyDraw([
      url,
      "--ticket",
      String(mine.ticket_number),
      "--code",
      mine.verification_code,
      "--beacon-key",
      beaconKey,
    ]);
    expect(ticket.output).toMatch(/^ok\s+ticket\s/m);
    expect(ticket.code).toBe(0);
    const other = claims[8]?.body as { verification_code: string };
    const notMine = await verifyDraw([
      url,
      "--ticket",
      String(mine.ticket_number),
      "--code",
      other.verification_code,
      "--beacon-key",
      beaconKey,
    ]);
    expect(notMine.output).toContain("the first failed check is ticket");
    expect(notMine.code).toBe(1);

    // The saved file verifies offline; a changed winner in it does not.
    const bundle = JSON.parse(readFileSync(saved, "utf8"));
    expect((await verifyDraw([saved, "--register", "--beacon-key", beaconKey])).code).toBe(0);
    const first = bundle.audit.winners[0];
    first.ticket_number = first.ticket_number === 40 ? 39 : first.ticket_number + 1;
    writeFileSync(saved, JSON.stringify(bundle));
    const altered = await verifyDraw([saved, "--beacon-key", beaconKey]);
    expect(altered.output).toMatch(/^FAIL\s+winners\s/m);
    expect(altered.output).toContain("the first failed check is winners");
    expect(altered.code).toBe(1);

    // Without a key to trust for a local beacon, nothing is taken on the audit's word.
    const untrusted = await verifyDraw([url]);
    expect(untrusted.output).toContain("the first failed check is beacon_key");
    expect(untrusted.code).toBe(1);
  }, 180_000);

  it("the verifier says how to call it, and exits 2 when it cannot run", async () => {
    const usage = await verifyDraw([]);
    expect(usage.code).toBe(2);
    expect(usage.output).toContain("usage: npm run verify-draw");
    const missing = await verifyDraw([`${gateway.url}/v1/raffles/r_${"0".repeat(32)}`]);
    expect(missing.code).toBe(2);
    expect(missing.output).toContain("HTTP 404");
  }, 60_000);
});
