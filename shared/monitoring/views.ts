import type { AlertView, CreatedEventView, EventView } from "#monitoring/api/schemas";
import { formatCents } from "./amount";

/** What every view of a stored event item shows: its id, user and alert. */
export function createdEventView(item: Record<string, unknown>): CreatedEventView {
  const codes = item.alert_codes as number[];
  return {
    event_id: item.event_id as string,
    user_id: item.user_id as number,
    alert: codes.length > 0,
    alert_codes: codes,
    alert_id: (item.alert_id as string | undefined) ?? null,
  };
}

/** The API view of a stored event item. */
export function eventView(item: Record<string, unknown>): EventView {
  return {
    ...createdEventView(item),
    type: item.type as EventView["type"],
    amount: formatCents(item.amount_cents as number),
    time: item.time as number,
    risk_level: item.risk_level as EventView["risk_level"],
    created_at: item.created_at as string,
  };
}

/** The API view of a stored alert item. */
export function alertView(item: Record<string, unknown>): AlertView {
  return {
    alert_id: item.alert_id as string,
    event_id: item.event_id as string,
    user_id: item.user_id as number,
    alert_codes: item.alert_codes as number[],
    time: item.time as number,
    created_at: item.created_at as string,
  };
}
