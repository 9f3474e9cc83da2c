import { afterEach, describe, expect, it } from "vitest";
import {
  createEventRoute,
  getAlertRoute,
  getRiskRoute,
  listAlertsRoute,
  putRiskRoute,
} from "#monitoring/api/routes";
import { setRiskLevel } from "#monitoring/risk-level";
import { db, requestCounter } from "#platform/db/client";
import type { FunctionDeployment } from "#platform/function-definitions";
import { handler as getAlert } from "../../../functions/monitoring/get-alert";
import { handler as getEvent } from "../../../functions/monitoring/get-event";
import { handler as getRisk } from "../../../functions/monitoring/get-risk";
import { handler as listAlerts } from "../../../functions/monitoring/list-alerts";
import { handler as putRisk } from "../../../functions/monitoring/put-risk";
import { expectGranted, recordTableActions } from "../../support/granted-actions";
import { invoke } from "../../support/lambda-event";
import { postEvent, storedEvents } from "../../support/monitoring";

const manager = "127.0.0.1";
const setLevel = (user: number | string, body: unknown, sourceIp = manager) =>
  invoke(putRisk, {
    method: "PUT",
    sourceIp,
    pathParameters: { user_id: String(user) },
    body,
  });
const readLevel = (user: number | string) =>
  invoke(getRisk, { sourceIp: manager, pathParameters: { user_id: String(user) } });

describe("risk levels", () => {
  it("is medium for a user never set", async () => {
    const response = await readLevel(5);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ user_id: 5, level: "medium" });
  });

  it("lets a manager set it, and only a manager", async () => {
    const denied = await setLevel(6, { level: "high" }, "203.0.113.9");
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe("forbidden");
    expect((await readLevel(6)).body.level).toBe("medium");

    const response = await setLevel(6, { level: "high" });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ user_id: 6, level: "high" });
    expect((await readLevel(6)).body).toEqual({ user_id: 6, level: "high" });
    await setLevel(6, { level: "low" });
    expect((await readLevel(6)).body.level).toBe("low");
  });

  it.each([
    [{ level: "extreme" }, ["level"]],
    [{}, ["level"]],
    [{ level: "low", extra: 1 }, ["extra"]],
  ])("answers 422 for the body %j", async (body, paths) => {
    const response = await setLevel(7, body);
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(paths);
  });

  it("answers 422 for a bad user id", async () => {
    expect((await setLevel("x", { level: "low" })).status).toBe(422);
    expect((await readLevel("-3")).status).toBe(422);
  });

  it("judges each event at the level set before it, keeping the history's state", async () => {
    const user = 8;
    await setLevel(user, { level: "high" });
    const atHigh = await postEvent({ type: "withdraw", amount: "51.01", user_id: user, time: 0 });
    expect(atHigh.body.alert_codes).toEqual([1100]);
    await setLevel(user, { level: "low" });
    // Second withdrawal in a row: high would fire 30 (C₁ = 2), low does not; 51.01 ≤ 200.
    requestCounter.reset();
    const atLow = await postEvent({ type: "withdraw", amount: "51.01", user_id: user, time: 1 });
    expect(atLow.body.alert_codes).toEqual([]);
    // Judged first on the state kept from the last event (at high: an alert); the level change
    // had taken that number and was handed back: judged again at low (no alert), no read.
    expect(requestCounter.byCommand).toEqual({ PutItemCommand: 2 });
    await setLevel(user, { level: "medium" });
    const atMedium = await postEvent({ type: "withdraw", amount: "1", user_id: user, time: 2 });
    expect(atMedium.body.alert_codes).toEqual([30]);
    expect((await storedEvents(user)).map((e) => e.risk_level)).toEqual(["high", "low", "medium"]);
    expect((await readLevel(user)).body.level).toBe("medium");
    // The first entry of the history is the change to high: no event or alert has its number.
    const byId = (handler: typeof getEvent, name: string, id: string) =>
      invoke(handler, { sourceIp: manager, pathParameters: { [name]: id } });
    const event = await byId(getEvent, "event_id", `ev_${user}_000000000001`);
    expect(event.body.code).toBe("event_not_found");
    const alert = await byId(getAlert, "alert_id", `al_${user}_000000000001`);
    expect(alert.body.code).toBe("alert_not_found");
    // Setting the level it has already writes nothing.
    requestCounter.reset();
    expect((await setLevel(user, { level: "medium" })).status).toBe(200);
    expect(requestCounter.byCommand).toEqual({ QueryCommand: 1 });
  });

  it("judges an event in flight again when its user's level changes under it", async () => {
    const user = 9;
    let changed = false;
    // Between the event's read and its transaction, a manager makes the user high risk.
    db.middlewareStack.add(
      (next, context) => async (args) => {
        if (!changed && /^(TransactWrite|Put)/.test(context.commandName ?? "")) {
          changed = true;
          await setRiskLevel(user, "high");
        }
        return next(args);
      },
      { step: "initialize", name: "changeLevelMidFlight" },
    );
    requestCounter.reset();
    const response = await postEvent({ type: "withdraw", amount: "51.01", user_id: user, time: 0 });
    expect(changed).toBe(true);
    // At medium 51.01 is no alert; it was judged again at high, where A₁ is 51.00.
    expect(response.body.alert_codes).toEqual([1100]);
    // The event read the (absent) latest entry, the level change read it too and took the first
    // number; the event's lost write handed that entry back: no second read, and judged again at
    // high, an alert (its webhook event rides on its entry).
    expect(requestCounter.byCommand).toEqual({ QueryCommand: 2, PutItemCommand: 3 });
    expect((await storedEvents(user)).map((e) => e.risk_level)).toEqual(["high"]);
  });
});

describe("what the routes are granted", () => {
  it("covers every request they send, from a cold start", async () => {
    const user = 10;
    const granted = async (
      route: { function: FunctionDeployment },
      call: () => Promise<{ status: number }>,
    ) => {
      const used = recordTableActions();
      try {
        expect((await call()).status).toBeLessThan(300);
      } finally {
        used.stop();
      }
      expectGranted(route.function, used.actions);
    };
    await granted(getRiskRoute, () => readLevel(user));
    await granted(putRiskRoute, () => setLevel(user, { level: "high" }));
    let alertId = "";
    await granted(createEventRoute, async () => {
      const answer = await postEvent({ type: "withdraw", amount: "500", user_id: user, time: 1 });
      alertId = answer.body.alert_id;
      return answer;
    });
    await granted(getAlertRoute, () =>
      invoke(getAlert, { sourceIp: manager, pathParameters: { alert_id: alertId } }),
    );
    await granted(listAlertsRoute, () =>
      invoke(listAlerts, { sourceIp: manager, query: { user_id: String(user) } }),
    );
  });
});

afterEach(() => {
  db.middlewareStack.remove("changeLevelMidFlight");
});
