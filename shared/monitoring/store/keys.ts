/**
 * Monitoring's items in the one table. Everything about a user lives in that user's partition,
 * so an event costs one GetItem of the state and one transaction, whatever the history:
 *
 * | item       | pk                  | sk                | gsi1pk / gsi1sk                          |
 * |------------|---------------------|-------------------|------------------------------------------|
 * | user state | `MON#USER#<user>`   | `STATE`           | –                                        |
 * | event      | `MON#USER#<user>`   | `EVENT#<seq:12>`  | –                                        |
 * | alert      | `MON#USER#<user>`   | `ALERT#<seq:12>`  | `MON#ALERTS#<user % 8>` / `<created_at>#<user:16>#<seq:12>` |
 *
 * Attributes (none of these items has a TTL: monitoring keeps its history):
 * - user state (`user-record-item.ts`): user_id, level, version (bumped by every write to it,
 *   the optimistic lock), event_count (the last event's `seq`), first_time (the first event's
 *   `time`: later ones may be at most 10 years past it), and the rules' compact state:
 *   last_time, withdrawal_run, increasing_run, last_deposit_cents, seconds
 *   (`[second, deposit sum, event count]` triples).
 * - event (`event-item.ts`): event_id, user_id, seq, type, amount_cents, time, alert_codes,
 *   alert_id (absent when none), risk_level (the level it was judged at), created_at.
 * - alert (`alert-item.ts`): alert_id, event_id, user_id, alert_codes, time, created_at.
 *
 * - `seq` numbers a user's events 1, 2, 3… in commit order; an alert takes its event's `seq`.
 * - Ids carry their key: `ev_<user>_<seq:12>` and `al_<user>_<seq:12>` (`core/record-ids.ts`),
 *   so a read by id is a GetItem and ids of one user sort in commit order.
 * - A user's events oldest first: Query pk, `begins_with(sk, "EVENT#")`, ascending; their alerts
 *   newest first: the same with `ALERT#`, descending.
 * - All alerts newest first: gsi1, written over 8 shards by user, read as a merge of the 8
 *   shards' descending Queries (`alerts.ts`). One index partition would cap the whole
 *   service at about 1,000 alerts/s (DynamoDB's per-partition write limit); 8 shards lift that
 *   eightfold for 8 small Queries per page of this operators' list. Day buckets were the other
 *   choice, but a newest-first list would then have to walk empty days with no known end.
 * - Idempotency records of `POST /v1/events`: scope EVENTS (shared/platform/idempotency), in
 *   the event's transaction.
 */
import { type RecordKind, sortableSeq } from "#monitoring/core/record-ids";
import { key, sortableNumber } from "#platform/db/keys";

/** The scope of the Idempotency-Keys of recorded events. */
export const MONITORING_IDEMPOTENCY_SCOPE = "EVENTS";

/** How many gsi1 partitions the list of all alerts is written over. */
const ALERT_SHARDS = 8;
const USER_WIDTH = 16;

/** The sort-key prefix of each kind of a user's numbered items. */
const sortPrefixes = { event: "EVENT", alert: "ALERT" } as const satisfies Record<
  RecordKind,
  string
>;

const userPartition = (userId: number) => key("MON", "USER", userId);
const allAlertsList = key("MON", "ALERTS");
/** The table key of a user's event or alert. */
const recordKey = (kind: RecordKind) => (userId: number, seq: number) => ({
  pk: userPartition(userId),
  sk: key(sortPrefixes[kind], sortableSeq(seq)),
});

export const monitoringKeys = {
  userPartition,
  state: (userId: number) => ({ pk: userPartition(userId), sk: "STATE" }),
  eventPrefix: key(sortPrefixes.event, ""),
  alertPrefix: key(sortPrefixes.alert, ""),
  event: recordKey("event"),
  alert: recordKey("alert"),
  /** The value naming the list of all alerts (its gsi1 shards are this plus a shard number). */
  allAlertsList,
  /** The gsi1 shard of a user's alerts. */
  allAlertsShard: (userId: number) => key(allAlertsList, userId % ALERT_SHARDS),
  allAlertsShards: Array.from({ length: ALERT_SHARDS }, (_, shard) => key(allAlertsList, shard)),
  allAlertsSort: (createdAt: string, userId: number, seq: number) =>
    key(createdAt, sortableNumber(userId, USER_WIDTH), sortableSeq(seq)),
};

/** The gsi1 sort key of an alert: its creation time, then user and sequence (unique). */
export const ALL_ALERTS_SORT_PATTERN =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)#(\d{16})#(\d{12})$/;
