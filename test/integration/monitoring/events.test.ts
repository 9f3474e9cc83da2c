import { describe, expect, it } from "vitest";
import { requestCounter } from "#platform/db/client";
import { handler as getAlert } from "../../../functions/monitoring/get-alert";
import { handler as getEvent } from "../../../functions/monitoring/get-event";
import { handler as listAlerts } from "../../../functions/monitoring/list-alerts";
import { handler as listUserEvents } from "../../../functions/monitoring/list-user-events";
import {
  allPages,
  invokeAsManager,
  postEvent,
  postLegacy,
  storedEvents,
} from "../../support/monitoring";
import { expectProblem } from "../../support/problem";

let nextUser = 1000;
const newUser = () => nextUser++;

describe("POST /event (the original contract)", () => {
  it("answers 200 with alert, alert_codes and user_id, ignoring unknown fields", async () => {
    const user = newUser();
    const quiet = await postLegacy({
      type: "deposit",
      amount: "42.00",
      user_id: user,
      time: 10,
      note: "kept by old clients",
    });
    expect(quiet.status).toBe(200);
    expect(quiet.body).toEqual({ alert: false, alert_codes: [], user_id: user });
    const loud = await postLegacy({ type: "withdraw", amount: 100.01, user_id: user, time: 11 });
    expect(loud.body).toEqual({ alert: true, alert_codes: [1100], user_id: user });
    expect(await storedEvents(user)).toHaveLength(2);
  });

  it("takes `type` in any letter case, as the original clients send it, and stores it lower-case", async () => {
    const user = newUser();
    for (const [i, type] of ["DEPOSIT", "Deposit", "wItHdRaW"].entries()) {
      const response = await postLegacy({ type, amount: "150.00", user_id: user, time: i });
      expect(response.status, type).toBe(200);
    }
    const stored = await storedEvents(user);
    expect(stored.map((event) => event.type)).toEqual(["deposit", "deposit", "withdraw"]);
    expect(stored[2]?.alert_codes).toEqual([1100]);
  });

  it("still refuses a type that is no event type in any case, and stores nothing", async () => {
    const user = newUser();
    for (const type of ["DEPOSITS", "refund", "", 1, null]) {
      const response = await postLegacy({ type, amount: "1.00", user_id: user, time: 1 });
      expectProblem(response, 422, "validation_failed");
      expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(["type"]);
    }
    expect(await storedEvents(user)).toEqual([]);
  });
});

describe("POST /v1/events", () => {
  it("is strict about `type`: only lower case", async () => {
    const user = newUser();
    const response = await postEvent({ type: "DEPOSIT", amount: "1.00", user_id: user, time: 1 });
    expectProblem(response, 422, "validation_failed");
    expect(await storedEvents(user)).toEqual([]);
  });

  it("answers 201 with the event id, a Location and the alert id when codes fire", async () => {
    const user = newUser();
    const quiet = await postEvent({ type: "withdraw", amount: "100.00", user_id: user, time: 0 });
    expect(quiet.status).toBe(201);
    expect(quiet.body).toEqual({
      event_id: expect.stringMatching(/^ev_/),
      user_id: user,
      alert: false,
      alert_codes: [],
      alert_id: null,
    });
    expect(quiet.headers.location).toBe(`/v1/events/${quiet.body.event_id}`);

    const loud = await postEvent({ type: "withdraw", amount: "100.01", user_id: user, time: 1 });
    expect(loud.body).toMatchObject({ alert: true, alert_codes: [1100] });
    expect(loud.body.alert_id).toMatch(/^al_/);

    const event = await invokeAsManager(getEvent, {
      pathParameters: { event_id: loud.body.event_id },
    });
    expect(event.status).toBe(200);
    expect(event.body).toEqual({
      event_id: loud.body.event_id,
      user_id: user,
      type: "withdraw",
      amount: "100.01",
      time: 1,
      alert: true,
      alert_codes: [1100],
      alert_id: loud.body.alert_id,
      risk_level: "medium",
      created_at: expect.any(String),
    });
    const alert = await invokeAsManager(getAlert, {
      pathParameters: { alert_id: loud.body.alert_id },
    });
    expect(alert.status).toBe(200);
    expect(alert.body).toEqual({
      alert_id: loud.body.alert_id,
      event_id: loud.body.event_id,
      user_id: user,
      alert_codes: [1100],
      time: 1,
      created_at: event.body.created_at,
    });
  });

  it("keeps amounts exact: a JSON number is read by its decimal text", async () => {
    const user = newUser();
    const response = await postEvent({ type: "deposit", amount: 0.29, user_id: user, time: 0 });
    expect(response.status).toBe(201);
    const event = await invokeAsManager(getEvent, {
      pathParameters: { event_id: response.body.event_id },
    });
    expect(event.body.amount).toBe("0.29");
  });

  it("answers 404 both for ids that name nothing and for ids that cannot name anything", async () => {
    const missingEvent = await invokeAsManager(getEvent, {
      pathParameters: { event_id: "ev_999999_000000000001" },
    });
    expectProblem(missingEvent, 404, "event_not_found");
    const missingAlert = await invokeAsManager(getAlert, {
      pathParameters: { alert_id: "al_999999_000000000001" },
    });
    expectProblem(missingAlert, 404, "alert_not_found");
    for (const event_id of ["nope", "ev_1_1", "ev_01_000000000001", "ev_1_000000000000"]) {
      expectProblem(
        await invokeAsManager(getEvent, { pathParameters: { event_id } }),
        404,
        "event_not_found",
      );
    }
    const wrongKind = await invokeAsManager(getAlert, {
      pathParameters: { alert_id: "ev_1_000000000001" },
    });
    expectProblem(wrongKind, 404, "alert_not_found");
  });
});

describe("bad input", () => {
  const valid = { type: "deposit", amount: "42.00", user_id: 1, time: 10 };
  const cases: [string, Record<string, unknown>, string][] = [
    ["amount with three decimals", { amount: "42.001" }, "amount"],
    ["numeric amount with three decimals", { amount: 42.001 }, "amount"],
    ["zero amount", { amount: "0.00" }, "amount"],
    ["numeric zero amount", { amount: 0 }, "amount"],
    ["negative amount", { amount: "-5.00" }, "amount"],
    ["negative numeric amount", { amount: -5 }, "amount"],
    ["NaN amount", { amount: "NaN" }, "amount"],
    ["Infinity amount", { amount: "Infinity" }, "amount"],
    ["exponent amount", { amount: "1e3" }, "amount"],
    ["tiny numeric amount", { amount: 1e-7 }, "amount"],
    ["huge numeric amount", { amount: 1e21 }, "amount"],
    ["absurdly large amount", { amount: "1000000000000.01" }, "amount"],
    ["amount that is not a number", { amount: "lots" }, "amount"],
    ["amount of the wrong type", { amount: true }, "amount"],
    ["null amount", { amount: null }, "amount"],
    ["missing amount", { amount: undefined }, "amount"],
    ["unknown type", { type: "transfer" }, "type"],
    ["negative user_id", { user_id: -1 }, "user_id"],
    ["fractional user_id", { user_id: 1.5 }, "user_id"],
    ["string user_id", { user_id: "1" }, "user_id"],
    ["unsafe user_id", { user_id: 2 ** 53 }, "user_id"],
    ["negative time", { time: -1 }, "time"],
    ["fractional time", { time: 10.5 }, "time"],
    ["string time", { time: "10" }, "time"],
    ["missing time", { time: undefined }, "time"],
  ];

  it.each(cases)("answers 422 for %s on both endpoints", async (_, change, path) => {
    const body = { ...valid, ...change };
    for (const send of [postEvent, postLegacy]) {
      const response = await send(body);
      expect(response.status).toBe(422);
      expect(response.headers["content-type"]).toBe("application/problem+json");
      expect(response.body.code).toBe("validation_failed");
      expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
  });

  it("lists every problem at once", async () => {
    const response = await postEvent({ type: "x", amount: "0", user_id: -1, time: "y" });
    const paths = response.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(["amount", "time", "type", "user_id"]);
  });

  it("refuses unknown fields on /v1/events only", async () => {
    const response = await postEvent({ ...valid, user_id: newUser(), note: "x" });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ path: "note", message: "Unknown field" }]);
  });

  it.each([
    ["not JSON", "{nope"],
    ["a JSON array", "[]"],
    ["empty", ""],
  ])("answers 400 invalid_json for a body that is %s", async (_, body) => {
    for (const send of [postEvent, postLegacy]) {
      const response = await send(body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe("invalid_json");
    }
  });

  it("stores nothing for bad input", async () => {
    const user = newUser();
    await postEvent({ ...valid, user_id: user, amount: "1.001" });
    await postLegacy({ ...valid, user_id: user, time: -1 });
    expect(await storedEvents(user)).toEqual([]);
  });
});

describe("out of order events", () => {
  it("answers 409 out_of_order and leaves nothing behind", async () => {
    const user = newUser();
    await postEvent({ type: "withdraw", amount: "1.00", user_id: user, time: 100 });
    await postEvent({ type: "withdraw", amount: "1.00", user_id: user, time: 100 });
    requestCounter.reset();
    for (const send of [postEvent, postLegacy]) {
      const late = await send({ type: "withdraw", amount: "500.00", user_id: user, time: 99 });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe("out_of_order");
    }
    // A refusal writes nothing, and the state this process kept from the last event is not read again.
    expect(requestCounter.byCommand).toEqual({});
    expect((await storedEvents(user)).map((e) => e.time)).toEqual([100, 100]);
    const alerts = await invokeAsManager(listAlerts, { query: { user_id: String(user) } });
    expect(alerts.body.items).toEqual([]);
    // The state did not move either: the third withdrawal in a row fires 30 as it should.
    const next = await postEvent({ type: "withdraw", amount: "1.00", user_id: user, time: 100 });
    expect(next.body.alert_codes).toEqual([30]);
  });
});

describe("lists", () => {
  it("lists a user's events oldest first, page by page", async () => {
    const user = newUser();
    for (let time = 0; time < 5; time++) {
      await postEvent({ type: "deposit", amount: "1.00", user_id: user, time: time * 100 });
    }
    const pages = await allPages<{ time: number }>(listUserEvents, {
      pathParameters: { user_id: String(user) },
      query: { limit: "2" },
    });
    expect(pages.map((page) => page.map((event) => event.time))).toEqual([
      [0, 100],
      [200, 300],
      [400],
    ]);
  });

  it("answers an empty page for a user with no events, and 422 for a bad user id", async () => {
    const empty = await invokeAsManager(listUserEvents, { pathParameters: { user_id: "424242" } });
    expect(empty.body).toEqual({ items: [], next_cursor: null });
    for (const user_id of ["-1", "1.5", "abc", "01", "99999999999999999"]) {
      const response = await invokeAsManager(listUserEvents, { pathParameters: { user_id } });
      expect(response.status, user_id).toBe(422);
    }
  });

  it("refuses a cursor of another user's list", async () => {
    const [a, b] = [newUser(), newUser()];
    for (const user of [a, b]) {
      for (let time = 0; time < 3; time++) {
        await postEvent({ type: "deposit", amount: "1.00", user_id: user, time });
      }
    }
    const first = await invokeAsManager(listUserEvents, {
      pathParameters: { user_id: String(a) },
      query: { limit: "1" },
    });
    const forged = await invokeAsManager(listUserEvents, {
      pathParameters: { user_id: String(b) },
      query: { cursor: first.body.next_cursor },
    });
    expect(forged.status).toBe(422);
    expect(forged.body.errors).toEqual([{ path: "cursor", message: "Invalid cursor" }]);
  });

  it("lists alerts newest first across users, and one user's with ?user_id=", async () => {
    const [a, b] = [newUser(), newUser()];
    const ids: string[] = [];
    for (const [user, time] of [
      [a, 1],
      [b, 1],
      [a, 2],
      [b, 2],
    ] as const) {
      const response = await postEvent({ type: "withdraw", amount: "500", user_id: user, time });
      ids.push(response.body.alert_id);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const pages = await allPages<{ alert_id: string }>(listAlerts, { query: { limit: "3" } });
    const all = pages.flat().map((alert) => alert.alert_id);
    // Other tests of this file add alerts too: ours appear newest first, in that order.
    expect(all.filter((id) => ids.includes(id))).toEqual([...ids].reverse());

    const mine = await invokeAsManager(listAlerts, { query: { user_id: String(b), limit: "1" } });
    expect(mine.body.items.map((alert: { alert_id: string }) => alert.alert_id)).toEqual([ids[3]]);
    const rest = await invokeAsManager(listAlerts, {
      query: { user_id: String(b), cursor: mine.body.next_cursor },
    });
    expect(rest.body).toEqual({
      items: [expect.objectContaining({ alert_id: ids[1] })],
      next_cursor: null,
    });

    // A cursor of the all-alerts list is no cursor of one user's list.
    const allFirst = await invokeAsManager(listAlerts, { query: { limit: "1" } });
    const mixed = await invokeAsManager(listAlerts, {
      query: { user_id: String(a), cursor: allFirst.body.next_cursor },
    });
    expect(mixed.status).toBe(422);
  });
});

describe("the list of all alerts, merged over its shards", () => {
  it("pages through alerts of users on every shard, newest first, each once", async () => {
    const users = Array.from({ length: 16 }, (_, i) => 5000 + i);
    const created: string[] = [];
    for (const time of [1, 2]) {
      for (const user of users) {
        const response = await postEvent({ type: "withdraw", amount: "500", user_id: user, time });
        created.push(response.body.alert_id);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
    requestCounter.reset();
    const pages = await allPages<{ alert_id: string }>(listAlerts, { query: { limit: "3" } });
    // At most one small Query per shard and page (an exhausted shard is not read again).
    expect(Object.keys(requestCounter.byCommand)).toEqual(["QueryCommand"]);
    expect(requestCounter.total).toBeLessThanOrEqual(8 * pages.length);
    const listed = pages.flat().map((alert) => alert.alert_id);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.filter((id) => created.includes(id))).toEqual([...created].reverse());
    expect(pages.at(-1)?.length).toBeGreaterThan(0);
  });

  it("refuses a forged cursor", async () => {
    const forge = (positions: Record<string, string>) =>
      Buffer.from(JSON.stringify(positions)).toString("base64url");
    const shards = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`s${i}`, ""]));
    const valid = forge({ list: "MON#ALERTS", ...shards });
    expect((await invokeAsManager(listAlerts, { query: { cursor: valid } })).status).toBe(200);
    for (const cursor of [
      // User 1 is not on shard 0.
      forge({
        list: "MON#ALERTS",
        ...shards,
        s0: "2026-11-21T08:00:00.000Z#0000000000000001#000000000001",
      }),
      forge({ list: "MON#ALERTS", ...shards, s3: "anything" }),
      forge({ list: "OTHER", ...shards }),
      forge({ list: "MON#ALERTS" }),
      "not-a-cursor",
    ]) {
      const response = await invokeAsManager(listAlerts, { query: { cursor } });
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([{ path: "cursor", message: "Invalid cursor" }]);
    }
  });
});

describe("cost per event", () => {
  it("is one write once the process knows the user, whatever the history", async () => {
    const user = newUser();
    const costs: Record<string, number>[] = [];
    const alerts: boolean[] = [];
    for (let i = 0; i < 120; i++) {
      requestCounter.reset();
      // Deposits and withdrawals in bursts: alerts fire on many of them.
      const response = await postEvent({
        type: i % 4 === 3 ? "withdraw" : "deposit",
        amount: i % 7 === 0 ? "150.00" : `${1 + (i % 5)}.00`,
        user_id: user,
        time: Math.floor(i / 3),
      });
      expect(response.status).toBe(201);
      costs.push({ ...requestCounter.byCommand });
      alerts.push(response.body.alert);
    }
    // One PutItem, alert or not: an alert's webhook event rides on its entry.
    expect(new Set(alerts)).toEqual(new Set([true, false]));
    // The first reads the (absent) latest entry; the others are judged on the state the one
    // before left.
    expect(costs[0]).toEqual({ QueryCommand: 1, PutItemCommand: 1 });
    for (const [i, cost] of costs.entries()) if (i > 0) expect(cost).toEqual({ PutItemCommand: 1 });
  });
});
