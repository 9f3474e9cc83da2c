import { describe, expect, it } from "vitest";
import { useTestGateway } from "../../support/gateway";

const gateway = useTestGateway();

describe("monitoring over real HTTP", () => {
  it("POST /event keeps the original contract", async () => {
    const response = await gateway.send("POST", "/event", {
      body: { type: "deposit", amount: "42.00", user_id: 1, time: 0, client: "legacy" },
    });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json");
    expect(response.body).toEqual({ alert: false, alert_codes: [], user_id: 1 });
  });

  it("records events, raises alerts and lists both", async () => {
    const user = 2;
    const codes: number[][] = [];
    const ids: { event_id: string; alert_id: string | null }[] = [];
    for (const [type, amount, time] of [
      ["deposit", "10.00", 0],
      ["deposit", "20.00", 5],
      ["deposit", "180.00", 10],
      ["withdraw", "100.01", 20],
    ] as const) {
      const response = await gateway.send("POST", "/v1/events", {
        body: { type, amount, user_id: user, time },
      });
      expect(response.status).toBe(201);
      expect(response.headers.location).toBe(`/v1/events/${response.body.event_id}`);
      codes.push(response.body.alert_codes);
      ids.push(response.body);
    }
    expect(codes).toEqual([[], [], [123, 300], [1100]]);

    const event = await gateway.send("GET", `/v1/events/${ids[2]?.event_id}`);
    expect(event.body).toMatchObject({ amount: "180.00", alert_codes: [123, 300] });
    const alert = await gateway.send("GET", `/v1/alerts/${ids[3]?.alert_id}`);
    expect(alert.body).toMatchObject({ event_id: ids[3]?.event_id, alert_codes: [1100] });

    const events = await gateway.send("GET", `/v1/users/${user}/events?limit=3`);
    expect(events.body.items.map((e: { time: number }) => e.time)).toEqual([0, 5, 10]);
    const rest = await gateway.send(
      "GET",
      `/v1/users/${user}/events?limit=3&cursor=${events.body.next_cursor}`,
    );
    expect(rest.body.items.map((e: { time: number }) => e.time)).toEqual([20]);
    expect(rest.body.next_cursor).toBeNull();

    const alerts = await gateway.send("GET", `/v1/alerts?user_id=${user}`);
    expect(alerts.body.items.map((a: { alert_id: string }) => a.alert_id)).toEqual([
      ids[3]?.alert_id,
      ids[2]?.alert_id,
    ]);
    const all = await gateway.send("GET", "/v1/alerts?limit=1");
    expect(all.body.items[0].alert_id).toBe(ids[3]?.alert_id);
  });

  it("answers out_of_order, bad input and invalid JSON as problems", async () => {
    await gateway.send("POST", "/v1/events", {
      body: { type: "deposit", amount: "1", user_id: 3, time: 50 },
    });
    const late = await gateway.send("POST", "/v1/events", {
      body: { type: "deposit", amount: "1", user_id: 3, time: 49 },
    });
    expect(late.status).toBe(409);
    expect(late.headers["content-type"]).toBe("application/problem+json");
    expect(late.body.code).toBe("out_of_order");

    const bad = await gateway.send("POST", "/event", {
      body: { type: "deposit", amount: "1.234", user_id: 3, time: 51 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ path: "amount", message: expect.any(String) }]);

    const notJson = await gateway.send("POST", "/v1/events", { body: "type=deposit" });
    expect(notJson.status).toBe(400);
    expect(notJson.body.code).toBe("invalid_json");
  });

  it("lets a manager change a user's risk level, and no one else", async () => {
    expect((await gateway.send("GET", "/v1/users/4/risk")).body).toEqual({
      user_id: 4,
      level: "medium",
    });
    const denied = await gateway.send("PUT", "/v1/users/4/risk", {
      body: { level: "high" },
      from: "127.0.0.7",
    });
    expect(denied.status).toBe(403);
    const set = await gateway.send("PUT", "/v1/users/4/risk", { body: { level: "high" } });
    expect(set.body).toEqual({ user_id: 4, level: "high" });
    const judged = await gateway.send("POST", "/v1/events", {
      body: { type: "withdraw", amount: "51.01", user_id: 4, time: 0 },
    });
    expect(judged.body.alert_codes).toEqual([1100]);
  });

  it("refuses every monitoring route to a non-manager, so no one can blind a user's monitoring", async () => {
    // Issue 19, finding 1: one anonymous far-future event made every later event of the user
    // 409 out_of_order, so no alert was ever raised for them.
    const user = 4242;
    const attack = { type: "deposit", amount: "1.00", user_id: user, time: 9007199254740991 };
    const outsider = "127.0.0.7";
    for (const path of ["/v1/events", "/event"]) {
      const refused = await gateway.send("POST", path, { body: attack, from: outsider });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe("forbidden");
    }
    for (const path of [
      `/v1/users/${user}/events`,
      `/v1/users/${user}/risk`,
      "/v1/alerts",
      "/v1/events/ev_4242_000000000001",
      "/v1/alerts/al_4242_000000000001",
    ]) {
      expect((await gateway.send("GET", path, { from: outsider })).status).toBe(403);
    }
    // Even a manager cannot store an absurd time: it is refused and nothing is stored.
    const absurd = await gateway.send("POST", "/v1/events", { body: attack });
    expect(absurd.status).toBe(422);
    expect(absurd.body.errors).toEqual([{ path: "time", message: expect.any(String) }]);

    const real = await gateway.send("POST", "/v1/events", {
      body: { type: "withdraw", amount: "150.00", user_id: user, time: 70 },
    });
    expect(real.status).toBe(201);
    expect(real.body.alert_codes).toEqual([1100]);
    const events = await gateway.send("GET", `/v1/users/${user}/events`);
    expect(events.body.items.map((e: { time: number }) => e.time)).toEqual([70]);
  });
});

describe("POST /v1/events with an Idempotency-Key over real HTTP", () => {
  const send = (key: string, amount: string) =>
    gateway.send("POST", "/v1/events", {
      body: { type: "deposit", amount, user_id: 77, time: 3 },
      headers: { "Idempotency-Key": key },
    });

  it("replays, refuses the key with another body, and makes one event of 12 racing duplicates", async () => {
    const first = await send("gw-event-1", "10.00");
    expect(first.status).toBe(201);
    const replay = await send("gw-event-1", "10.00");
    expect(replay.status).toBe(201);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.headers.location).toBe(first.headers.location);
    expect(replay.body).toEqual(first.body);
    const reused = await send("gw-event-1", "10.01");
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe("idempotency_key_reused");

    const race = await Promise.all(Array.from({ length: 12 }, () => send("gw-event-2", "20.00")));
    expect(race.map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(new Set(race.map((r) => r.body.event_id)).size).toBe(1);
    expect(race.filter((r) => r.headers["idempotent-replayed"] === undefined)).toHaveLength(1);
    const listed = await gateway.send("GET", "/v1/users/77/events");
    expect(listed.body.items.map((e: { event_id: string }) => e.event_id)).toEqual([
      first.body.event_id,
      race[0]?.body.event_id,
    ]);
  });
});
