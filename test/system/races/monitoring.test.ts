import { describe, expect, it } from "vitest";
import { riskLevels } from "#monitoring/core/risk-limits";
import { handler as listAlerts } from "../../../functions/monitoring/list-alerts";
import { handler as putRisk } from "../../../functions/monitoring/put-risk";
import { invoke } from "../../support/lambda-event";
import { invokeAsManager, postEvent, replayCodes, storedEvents } from "../../support/monitoring";
import { seededRandom } from "../../support/monitoring-reference";
import { untilAvailable } from "../../support/until-available";

// DynamoDB Local serialises every transaction, and on a shared machine a round can take long:
// a request may give up with 503 (nothing stored, try again later). Each client then sends
// it again after Retry-After, as a real one does; what is counted is the outcome after that.
const PILE_UP_TIMEOUT_MS = 300_000;

/** `POST /v1/events` from a client that retries a 503. */
const send = (body: unknown) => untilAvailable(() => postEvent(body));

/** Every event was accepted (201), each with the codes that were stored for it. */
function expectAllAccepted(responses: Awaited<ReturnType<typeof postEvent>>[]) {
  expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
  return responses;
}

/**
 * Checks a user's stored events: numbered 1..n in commit order (up to `levelChanges` numbers taken
 * by changes of the user's risk level between them), and codes equal to judging them one by one.
 */
async function expectSerialisable(userId: number, accepted: number, levelChanges = 0) {
  const events = await storedEvents(userId);
  expect(events).toHaveLength(accepted);
  const numbers = events.map((e) => Number(e.event_id.split("_")[2]));
  if (levelChanges === 0) expect(numbers).toEqual(events.map((_, i) => i + 1));
  for (let i = 1; i < numbers.length; i++) {
    expect(numbers[i]).toBeGreaterThan(numbers[i - 1] ?? 0);
  }
  expect(numbers.at(-1) ?? 0).toBeLessThanOrEqual(accepted + levelChanges);
  expect(events.map((e) => e.alert_codes)).toEqual(replayCodes(events));
  // Times never go backwards in commit order.
  for (let i = 1; i < events.length; i++) {
    expect(events[i]?.time).toBeGreaterThanOrEqual(events[i - 1]?.time ?? 0);
  }
  const alerts = await invokeAsManager(listAlerts, {
    query: { user_id: String(userId), limit: "100" },
  });
  expect(alerts.body.items.map((a: { event_id: string }) => a.event_id).sort()).toEqual(
    events
      .filter((e) => e.alert)
      .map((e) => e.event_id)
      .sort(),
  );
  return events;
}

describe("concurrent events", () => {
  it("judges 30 simultaneous events of one user as if one by one, in commit order", {
    timeout: PILE_UP_TIMEOUT_MS,
  }, async () => {
    const user = 1;
    const random = seededRandom(7);
    const bodies = Array.from({ length: 30 }, () => ({
      type: random.next() < 0.5 ? "deposit" : "withdraw",
      amount: `${random.int(1, 150)}.${random.int(0, 99)}`,
      user_id: user,
      time: 1000,
    }));
    const accepted = expectAllAccepted(await Promise.all(bodies.map(send)));
    const events = await expectSerialisable(user, accepted.length);
    // Each answer told the client what was stored for its event.
    for (const response of accepted) {
      const stored = events.find((e) => e.event_id === response.body.event_id);
      expect(stored?.alert_codes).toEqual(response.body.alert_codes);
    }
  });

  it("refuses, and stores nothing of, events that commit after a later one", {
    timeout: PILE_UP_TIMEOUT_MS,
  }, async () => {
    const user = 2;
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        send({ type: "deposit", amount: "1.00", user_id: user, time: 2000 + (i % 10) }),
      ),
    );
    const accepted = responses.filter((r) => r.status === 201).length;
    const refused = responses.filter((r) => r.status === 409);
    for (const response of refused) expect(response.body.code).toBe("out_of_order");
    expect(refused.length).toBeGreaterThan(0);
    expect(responses.filter((r) => ![201, 409].includes(r.status))).toEqual([]);
    expect(accepted).toBeGreaterThan(0);
    await expectSerialisable(user, accepted);
  });

  it("keeps every user's stream serialisable with many users at once, risk changing meanwhile", {
    timeout: PILE_UP_TIMEOUT_MS,
  }, async () => {
    const users = Array.from({ length: 12 }, (_, i) => 100 + i);
    const random = seededRandom(11);
    const work = users.flatMap((user) =>
      Array.from({ length: 10 }, (_, i) => {
        if (i !== 5) {
          const body = {
            type: random.next() < 0.5 ? "deposit" : "withdraw",
            amount: `${random.int(20, 120)}.00`,
            user_id: user,
            time: 50,
          };
          return () => send(body);
        }
        const level = random.pick(riskLevels);
        return () =>
          untilAvailable(() =>
            invoke(putRisk, {
              method: "PUT",
              sourceIp: "127.0.0.1",
              pathParameters: { user_id: String(user) },
              body: { level },
            }),
          );
      }),
    );
    const responses = await Promise.all(work.map((start) => start()));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(users.length);
    expectAllAccepted(responses.filter((r) => r.status !== 200));
    for (const user of users) {
      const accepted = responses.filter((r) => r.status === 201 && r.body.user_id === user);
      // One change of level each (none stored when it is the level already).
      await expectSerialisable(user, accepted.length, 1);
    }
  });
});
