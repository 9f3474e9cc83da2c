/**
 * Webhooks' items in the one table. Events and deliveries are outbox items (shared/platform/
 * outbox): an event is written in its cause's transaction, fanned out from the stream into one
 * delivery per subscribed endpoint, and each delivery is attempted from the stream, then by the
 * scheduled retry pass until it succeeds or its 3 days are over.
 *
 * | item     | pk                          | sk             | gsi1pk / gsi1sk                                        | gsi2pk / gsi2sk                                   | TTL     |
 * |----------|-----------------------------|----------------|--------------------------------------------------------|---------------------------------------------------|---------|
 * | endpoint | `WEBHOOK_ENDPOINT#<we_…>`   | `ENDPOINT`     | `WEBHOOK_ENDPOINTS` / `<created_at>#<we_…>`            |                                                   |         |
 * | event    | `WEBHOOK_EVENT#<evt_…>`     | `EVENT`        | `OUTBOX#webhook_event#<status>#<shard>` / `<due>#<id>` |                                                   | 30 days |
 * | delivery | `WEBHOOK_DELIVERY#<wd_…>`   | `DELIVERY`     | `OUTBOX#webhook_delivery#<status>#<shard>` / `<due>#<id>` | `WEBHOOK_ENDPOINT#<we_…>#DELIVERIES` / `<created_at>#<wd_…>` | 30 days |
 * | attempt  | `WEBHOOK_DELIVERY#<wd_…>`   | `ATTEMPT#<nnnn>` |                                                      |                                                   | 30 days |
 *
 * - endpoint: id, url, events (list of types or `*`), description, status (`enabled`,
 *   `disabled`), disabled_reason, secrets (list of `{secret, expires_at?}`: the current one, and
 *   a rotated-out one for 24 h), failing_since (epoch ms of the first failure since the last
 *   success; absent when none), created_at, updated_at. gsi1 lists every endpoint, newest first:
 *   the list route and each fan-out read it (one partition: endpoints are few, written rarely).
 * - event: id, type, timestamp, data (the resource as a manager sees it), endpoint_id (a test
 *   event's one endpoint), and the outbox's fields; status `pending` → `fanned_out`. A cause
 *   that is one item carries its event instead (`carriedWebhookEvent`): `webhook_event` (id,
 *   type, timestamp, data) and the outbox's fields on the cause's own key, kept as long as the
 *   cause (no TTL): a monitoring alert's entry.
 * - delivery: id (`wd_` + a hash of event and endpoint ids, so a repeated fan-out writes it
 *   once), endpoint_id, event_id, type, body (the exact bytes every attempt sends), status
 *   (`pending`, `succeeded`, `failed`), attempts, last_attempt_at, last_response_status,
 *   next_attempt_at (epoch ms, while a retry is planned), retries_from (epoch ms the 3 days
 *   count from), detail (why it failed), and the outbox's fields. gsi2 lists an endpoint's
 *   deliveries newest first (`?status=` filters that Query).
 * - attempt: one per attempt, in its delivery's partition: at, duration_ms, response_status,
 *   response_body (first 1 KiB), error.
 * - The outbox's status index sorts pending work by when it is due (`next_attempt_at`, or its
 *   creation): the scheduled retry pass Queries what is due, never scans.
 */
import { key } from "#platform/db/keys";

/** How long events, deliveries and their attempts are kept. */
export const WEBHOOK_LOG_TTL_MS = 30 * 24 * 3600_000;

export const ENDPOINT_LIST = "WEBHOOK_ENDPOINTS";

export const webhookKeys = {
  endpoint: (id: string) => ({ pk: key("WEBHOOK_ENDPOINT", id), sk: "ENDPOINT" }),
  event: (id: string) => ({ pk: key("WEBHOOK_EVENT", id), sk: "EVENT" }),
  delivery: (id: string) => ({ pk: key("WEBHOOK_DELIVERY", id), sk: "DELIVERY" }),
  attempt: (deliveryId: string, attempt: number) => ({
    pk: key("WEBHOOK_DELIVERY", deliveryId),
    sk: key("ATTEMPT", String(attempt).padStart(4, "0")),
  }),
  /** The gsi2 partition of one endpoint's deliveries. */
  endpointDeliveries: (endpointId: string) => key("WEBHOOK_ENDPOINT", endpointId, "DELIVERIES"),
};
