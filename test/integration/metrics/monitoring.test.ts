import { describe, expect, it } from "vitest";
import { described, useEmfCapture } from "../../support/emf";
import { postEvent, postLegacy } from "../../support/monitoring";

const emf = useEmfCapture();
let nextUser = 9_100_000 + Math.floor(Math.random() * 100_000);

describe("the monitoring's metrics", () => {
  it("count an event recorded, and each alert it raises by its code", async () => {
    const user = nextUser++;
    const quiet = await postEvent({ type: "deposit", amount: "10.00", user_id: user, time: 1 });
    expect(quiet.status).toBe(201);
    expect(quiet.body.alert_codes).toEqual([]);
    expect(described(emf.take())).toEqual(["EventsRecorded 1"]);

    const large = await postEvent({ type: "withdraw", amount: "150.00", user_id: user, time: 2 });
    expect(large.body.alert_codes).toEqual([1100]);
    expect(described(emf.take())).toEqual(["AlertsRaised code=1100 1", "EventsRecorded 1"]);

    await postEvent({ type: "withdraw", amount: "1.00", user_id: user, time: 3 });
    const third = await postEvent({ type: "withdraw", amount: "150.00", user_id: user, time: 4 });
    expect(third.body.alert_codes).toEqual([30, 1100]);
    expect(described(emf.take())).toEqual([
      "AlertsRaised code=1100 1",
      "AlertsRaised code=30 1",
      "EventsRecorded 1",
      "EventsRecorded 1",
    ]);
  });

  it("count the original API's events, and events refused for being out of order", async () => {
    const user = nextUser++;
    const legacy = await postLegacy({ type: "DEPOSIT", amount: "5.00", user_id: user, time: 10 });
    expect(legacy.status).toBe(200);
    expect(described(emf.take())).toEqual(["EventsRecorded 1"]);
    const late = await postEvent({ type: "deposit", amount: "5.00", user_id: user, time: 9 });
    expect(late.status).toBe(409);
    expect(described(emf.take())).toEqual(["EventsRefused reason=out_of_order 1"]);
  });
});
