// Issue 19 over real sockets: each attack the security review reproduced on `npm start`, replayed
// against the local gateway, and the refusal it now gets.
import { request as httpRequest } from "node:http";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clock } from "#platform/clock";
import { db, tableName } from "#platform/db/client";
import { useTestGateway } from "../../support/gateway";

const gateway = useTestGateway();

/** Inside MANAGER_CIDRS of the tests; every other loopback address is a player. */
const MANAGER = "127.0.0.1";

// Windows are minutes of the service's clock: the tests pin it mid-minute and move it by hand,
// so no window can turn over between two requests of a test.
const realNow = clock.now;
const MID_MINUTE = Date.UTC(2030, 0, 1, 0, 0, 30);
afterEach(() => {
  clock.now = realNow;
  vi.unstubAllEnvs();
});
/** Per-address limits on (the test environment lifts them: RATE_LIMITS=off). */
function limitsOn(overrides: Record<string, string> = {}) {
  vi.stubEnv("RATE_LIMITS", "on");
  for (const [name, value] of Object.entries(overrides)) vi.stubEnv(name, value);
  let now = MID_MINUTE;
  clock.now = () => now;
  return { advance: (ms: number) => (now += ms) };
}

async function createRaffle(totalTickets = 10) {
  const response = await gateway.send("POST", "/v1/raffles", {
    body: {
      name: "Doors raffle",
      total_tickets: totalTickets,
      prizes: [{ name: "P", quantity: 1 }],
    },
    from: MANAGER,
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

/** A request outside the test client, whose answers the contract check would refuse (421). */
function rawRequest(method: string, path: string, headers: Record<string, string>) {
  const { hostname, port } = new URL(gateway.url);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: unknown }>(
    (resolve, reject) => {
      const req = httpRequest(
        { host: hostname, port, method, path, headers, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) });
          });
        },
      );
      req.on("error", reject);
      req.end();
    },
  );
}

describe("no borrowed address", () => {
  it("refuses a cross-site ticket claim, bodiless form POST included, and spends nothing", async () => {
    const id = await createRaffle();
    const player = "127.0.19.1";
    const attacks: Record<string, string>[] = [
      // The review's reproduction: a page's auto-submitted empty form.
      {
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
        "content-type": "application/x-www-form-urlencoded",
        "content-length": "0",
      },
      { "sec-fetch-site": "same-site" },
      { origin: "https://evil.example" },
    ];
    for (const headers of attacks) {
      const refused = await gateway.send("POST", `/v1/raffles/${id}/tickets`, {
        from: player,
        headers,
      });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe("cross_site_request");
    }
    // No ticket was spent: the player's one ticket is still theirs, and it is the only one.
    const own = await gateway.send("POST", `/v1/raffles/${id}/tickets`, {
      from: player,
      headers: { "sec-fetch-site": "same-origin", origin: gateway.url },
    });
    expect(own.status).toBe(201);
    expect((await gateway.send("GET", `/v1/raffles/${id}`)).body.tickets_remaining).toBe(9);
  });

  it("answers 421 misdirected_request to a Host that is not the server's (DNS rebinding)", async () => {
    // The review's reproduction: Host evil.example with a matching Origin, from 127.0.0.1.
    const rebinding = await rawRequest("POST", "/v1/raffles/r_x/tickets", {
      host: "evil.example:3917",
      origin: "http://evil.example:3917",
    });
    expect(rebinding.status).toBe(421);
    expect(rebinding.body).toMatchObject({ status: 421, code: "misdirected_request" });
    const { port } = new URL(gateway.url);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      expect((await rawRequest("GET", "/health", { host })).status).toBe(200);
    }
  });

  it("sends Strict-Transport-Security on every answer, errors and unknown routes included", async () => {
    for (const [method, path] of [
      ["GET", "/health"],
      ["GET", "/v1/raffles/r_nothing"],
      ["GET", "/no/such/route"],
    ] as const) {
      const response = await gateway.send(method, path);
      expect(response.headers["strict-transport-security"]).toBe(
        "max-age=31536000; includeSubDomains",
      );
    }
  });
});

describe("limits per address", () => {
  const register = (from: string, i: number) =>
    gateway.send("POST", "/v1/accounts", {
      from,
      body: {
        email: `doors-${from}-${i}@example.com`,
        password: "correct horse battery",
        name: "Doors",
      },
    });

  it("answers the 11th registration in a minute from one address 429 with the rate-limit fields; another address still registers", async () => {
    const time = limitsOn();
    const spammer = "127.0.19.2";
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await register(spammer, i)).status);
    expect(statuses).toEqual(Array(10).fill(201));

    const eleventh = await register(spammer, 10);
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.code).toBe("too_many_requests");
    expect(eleventh.headers["retry-after"]).toBe("30");
    expect(eleventh.headers["ratelimit-policy"]).toBe('"register";q=10;w=60');
    expect(eleventh.headers.ratelimit).toBe('"register";r=0;t=30');

    expect((await register("127.0.19.3", 0)).status).toBe(201);
    // The next window lets the address in again.
    time.advance(60_000);
    expect((await register(spammer, 11)).status).toBe(201);
  });

  it("counts exactly: of 12 concurrent claims from one address under a limit of 5, exactly 5 pass", async () => {
    limitsOn({ RATE_LIMIT_CLAIM_PER_MINUTE: "5" });
    const raffles = await Promise.all(Array.from({ length: 12 }, () => createRaffle()));
    const player = "127.0.19.4";
    const answers = await Promise.all(
      raffles.map((id) => gateway.send("POST", `/v1/raffles/${id}/tickets`, { from: player })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(5).fill(201), ...Array(7).fill(429)]);
    for (const refused of answers.filter((a) => a.status === 429)) {
      expect(refused.headers["ratelimit-policy"]).toBe('"claim";q=5;w=60');
    }
    const windowStart = Math.floor(MID_MINUTE / 60_000) * 60;
    const { Item } = await db.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: `RATE#claim#${player}`, sk: `W#${windowStart}` },
      }),
    );
    expect(Item).toMatchObject({ count: 5, expires_at_epoch: windowStart + 120 });
  });

  it("leaves manager addresses alone", async () => {
    limitsOn({ RATE_LIMIT_CLAIM_PER_MINUTE: "1" });
    const [first, second] = [await createRaffle(), await createRaffle()];
    for (const id of [first, second]) {
      const claimed = await gateway.send("POST", `/v1/raffles/${id}/tickets`, { from: MANAGER });
      expect(claimed.status).toBe(201);
      expect(claimed.headers.ratelimit).toBeUndefined();
    }
    const player = "127.0.19.5";
    const allowed = await gateway.send("POST", `/v1/raffles/${first}/tickets`, { from: player });
    expect(allowed.status).toBe(201);
    expect(allowed.headers.ratelimit).toBe('"claim";r=0;t=30');
    const limited = await gateway.send("POST", `/v1/raffles/${second}/tickets`, { from: player });
    expect(limited.status).toBe(429);
  });
});

describe("the low ones", () => {
  it("answers 422 to a merge patch nested ~10,800 deep (it was a 500: the stack overflowed)", async () => {
    const depth = 10_800;
    const deep = `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    const response = await gateway.send("PATCH", "/v1/coupons/c_0123456789abcdef0123456789abcdef", {
      body: deep,
      headers: { "content-type": "application/merge-patch+json", "if-match": '"x"' },
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe("validation_failed");
    expect(response.body.errors).toEqual([{ path: "", message: expect.stringMatching(/32 deep/) }]);
  });
});
