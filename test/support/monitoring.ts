import { expect } from "vitest";
import type { EventView } from "#monitoring/api/schemas";
import { parseAmount } from "#monitoring/core/amount";
import { limitsFor } from "#monitoring/core/risk-limits";
import { judge } from "#monitoring/core/rules";
import { emptyUserState } from "#monitoring/core/user-state";
import type { LambdaHttpHandler } from "#platform/http/handler";
import { handler as createEvent } from "../../functions/monitoring/create-event";
import { handler as listUserEvents } from "../../functions/monitoring/list-user-events";
import { handler as postLegacyEvent } from "../../functions/monitoring/post-legacy-event";
import { type EventOptions, invoke } from "./lambda-event";

/** Inside MANAGER_CIDRS of the test environment: every monitoring route is a manager route. */
export const MANAGER = "127.0.0.1";

/** Calls a monitoring handler in-process from a manager address (unless `options` says another). */
export const invokeAsManager = (handler: LambdaHttpHandler, options: EventOptions = {}) =>
  invoke(handler, { sourceIp: MANAGER, ...options });

/** `POST /v1/events` in-process, from a manager address. */
export const postEvent = (body: unknown) =>
  invokeAsManager(createEvent, { method: "POST", path: "/v1/events", body });

/** `POST /event` in-process, from a manager address. */
export const postLegacy = (body: unknown) =>
  invokeAsManager(postLegacyEvent, { method: "POST", path: "/event", body });

/** Every page of a list route, following `next_cursor` until it is null. */
export async function allPages<T = Record<string, unknown>>(
  handler: LambdaHttpHandler,
  options: EventOptions,
): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const response = await invokeAsManager(handler, {
      ...options,
      query: { ...options.query, ...(cursor ? { cursor } : {}) },
    });
    expect(response.status).toBe(200);
    pages.push(response.body.items);
    cursor = response.body.next_cursor ?? undefined;
  } while (cursor);
  return pages;
}

/** Every stored event of a user, oldest first. */
export async function storedEvents(userId: number): Promise<EventView[]> {
  const pages = await allPages<EventView>(listUserEvents, {
    pathParameters: { user_id: String(userId) },
    query: { limit: "100" },
  });
  return pages.flat();
}

/** Judges stored events one by one in their stored order, each at the level it was stored with. */
export function replayCodes(events: readonly EventView[]): number[][] {
  let state = emptyUserState;
  return events.map((event) => {
    const amount = parseAmount(event.amount);
    if (!amount.ok) throw new Error(`stored amount ${event.amount}`);
    const judged = judge(
      state,
      { type: event.type, amountCents: amount.cents, time: event.time },
      limitsFor(event.risk_level),
    );
    state = judged.nextState;
    return judged.codes;
  });
}
