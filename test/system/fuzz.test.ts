// Contract fuzzing of every route in the route table, over real HTTP: valid requests derived from
// each route's own schemas, and requests with one thing made wrong (see test/support/fuzz/).
// Properties of every answer: no 5xx but a documented 503; exactly what the OpenAPI document
// allows for the route (problem+json with a code it lists); the hygiene headers; no manager
// right from the wrong address, no account without its token; and a 4xx changed nothing (the
// whole table, scanned, is the same). `FUZZ_RUNS` cases per route (`npm run fuzz`: many more),
// `FUZZ_SEED` to replay a run.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "#app/routes";
import type { RouteDefinition } from "#platform/function-definitions";
import { routeKey } from "#platform/http/route";
import { useBeaconClockAhead } from "../support/beacon-clock";
import { gatewayViolations } from "../support/contract";
import { type RawRequest, type RawResponse, sendRaw } from "../support/fuzz/http";
import { type FuzzSpec, fuzzSpecs, toRawRequest } from "../support/fuzz/requests";
import { buildWorld, MANAGER, type World } from "../support/fuzz/world";
import { useTestGateway } from "../support/gateway";
import { changedKeys, tableChecksum } from "../support/table-scan";

const RUNS = Number(process.env.FUZZ_RUNS) || 6;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

const gateway = useTestGateway();
useBeaconClockAhead();
let world: World;
beforeAll(async () => {
  world = await buildWorld(gateway.url);
}, 180_000);

/** Routes that end the holder's session or account when they succeed. */
const ENDS_HOLDER = new Set(["DELETE /v1/sessions/current", "DELETE /v1/accounts/me"]);
/** Routes that log in with the holder's password (its body is filled in with it). */
const USES_PASSWORD = new Set(["POST /v1/sessions"]);

/**
 * What a 4xx may still change, by route: a wrong password counts against the email's lock-out
 * (log-in, and a password check on PATCH /v1/accounts/me), by design.
 */
function allowedChange(key: string, status: number, changed: string): boolean {
  const countsAttempt =
    (key === "POST /v1/sessions" && (status === 401 || status === 429)) ||
    (key === "PATCH /v1/accounts/me" && (status === 403 || status === 429));
  return countsAttempt && changed.startsWith("LOGIN_THROTTLE#");
}

const header = (response: RawResponse, name: string) => response.headers[name];

/** Everything wrong with this answer to this request. */
function judge(route: RouteDefinition, spec: FuzzSpec, raw: RawRequest, response: RawResponse) {
  const problems = gatewayViolations(raw.method, raw.path, {
    status: response.status,
    headers: response.headers,
    body: response.body,
  });
  const code = (response.body as { code?: string } | undefined)?.code;
  if (response.status >= 500 && !(response.status === 503 && code === "unavailable")) {
    problems.push(`a ${response.status} ${code}`);
  }
  if (header(response, "x-content-type-options") !== "nosniff") problems.push("no nosniff");
  if (!header(response, "x-request-id")) problems.push("no x-request-id");
  if (!header(response, "cache-control")) problems.push("no cache-control");
  if (route.access === "manager" && raw.from !== MANAGER && response.status !== 403) {
    problems.push(`a manager route answered ${response.status} to ${raw.from}`);
  }
  if (route.access === "account" && !spec.auth.live && response.status !== 401) {
    problems.push(`an account route answered ${response.status} without a live token`);
  }
  return problems;
}

function caseText(spec: FuzzSpec, raw: RawRequest, response: RawResponse) {
  const body = raw.body ? raw.body.subarray(0, 300).toString("utf8") : "";
  return [
    `${spec.what}`,
    `${raw.method} ${raw.path.slice(0, 300)} from ${raw.from}`,
    `headers ${JSON.stringify(raw.headers).slice(0, 300)}`,
    `body (${raw.body?.length ?? 0} bytes) ${body}`,
    `→ ${response.status} ${response.text.slice(0, 400)}`,
  ].join("\n  ");
}

/** The statuses each route answered, for the summary at the end. */
const statuses = new Map<string, Map<number, number>>();

async function fuzzRoute(route: RouteDefinition) {
  const key = routeKey(route);
  const seen = statuses.get(key) ?? new Map<number, number>();
  statuses.set(key, seen);
  const needsHolder = route.access === "account" || USES_PASSWORD.has(key);
  let cases = 0;
  await fc.assert(
    fc.asyncProperty(fuzzSpecs(route, world), async (spec) => {
      const holder = needsHolder ? await world.holderFor(key) : undefined;
      if (holder && USES_PASSWORD.has(key) && spec.what === "the route's example") {
        spec.body = { json: { email: holder.email, password: holder.password } };
      }
      const raw = toRawRequest(route, spec, holder?.token);
      const before = await tableChecksum();
      const response = await sendRaw(gateway.url, raw);
      if (process.env.FUZZ_DEBUG)
        console.info(spec.what, response.status, response.text.slice(0, 200));
      cases++;
      seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
      const problems = judge(route, spec, raw, response);
      if (response.status >= 400 && response.status < 500) {
        const after = await tableChecksum();
        const changed = changedKeys(before.items, after.items).filter(
          (k) => !allowedChange(key, response.status, k),
        );
        if (changed.length > 0) problems.push(`a ${response.status} changed ${changed.join(", ")}`);
      }
      if (response.status < 300 && ENDS_HOLDER.has(key)) world.retire(key);
      if (problems.length > 0) {
        throw new Error(`${problems.join("; ")}\n  ${caseText(spec, raw, response)}`);
      }
    }),
    { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
  );
  return cases;
}

afterAll(() => {
  const lines = [...statuses].map(
    ([key, byStatus]) =>
      `${key}: ${[...byStatus]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}×${n}`)
        .join(" ")}`,
  );
  console.info(`Fuzzed answers by route and status:\n${lines.join("\n")}`);
});

describe(`contract fuzzing, ${RUNS} cases per route`, () => {
  // Each case scans the whole table twice; argon2 routes hash at each valid log-in.
  it.each(routes.map((route) => [routeKey(route), route] as const))(
    "%s",
    { timeout: 60_000 + RUNS * 5_000 },
    async (_, route) => {
      expect(await fuzzRoute(route)).toBeGreaterThanOrEqual(RUNS);
    },
  );
});
