/**
 * Monitoring's items in the one table. A user's history is one numbered item per entry in the
 * user's partition, each carrying the user's state after it, so an event is one conditional
 * write whatever the history:
 *
 * | item  | pk                | sk               | gsi3pk / gsi3sk (alerting events)        | gsi2pk / gsi2sk (alerting events) |
 * |-------|-------------------|------------------|------------------------------------------|-----------------------------------|
 * | entry | `MON#USER#<user>` | `ENTRY#<seq:12>` | `MON#ALERTS#<user % 8>` / `<created_at>#<user:16>#<seq:12>` | `MON#USER#<user>#ALERTS` / `<seq:12>` |
 *
 * Attributes (`entry-item.ts`; no TTL: monitoring keeps its history):
 * - every entry: user_id, seq, kind (`event` or `level`), and the user's state after it: level
 *   (an event's is the level it was judged at), first_time (the first event's `time`: later ones
 *   may be at most 10 years past it), and the rules' compact state: last_time, withdrawal_run,
 *   increasing_run, last_deposit_cents, seconds (`[second, deposit sum, event count]` triples);
 * - an event entry also: event_id, type, amount_cents, time, alert_codes, created_at, and when it
 *   raised an alert alert_id (absent when none) and the two index keys above. An alert is its
 *   event's entry seen through the alert's fields: no item of its own.
 * - an alerting event's entry is also the alert's webhook event (`monitoring.alert.raised`):
 *   `webhook_event` (its id, type, timestamp and data) and the outbox's fields (status,
 *   attempts…, and gsi1, the outbox's status index; shared/platform/outbox/work-item.ts), so
 *   that the entry's one PutItem writes the event too and the stream fans the entry out.
 * - a level entry (`PUT /v1/users/{id}/risk`): nothing more.
 * - write_token, on an entry stored by a single PutItem: the token of that write, by which the
 *   SDK's retry of it after a lost answer recognises its own first try.
 *
 * - `seq` numbers a user's entries 1, 2, 3… in commit order. Writing an entry is conditional on
 *   its key being free: of two writers judged on the same latest entry only one takes the next
 *   number, and the loser is handed the winner's entry (its state) to judge again. A level change
 *   takes a number like an event, so an event judged at the old level loses to it.
 * - The user's state: the latest entry, one Query (descending, Limit 1, strongly consistent).
 * - Ids carry their key: `ev_<user>_<seq:12>` and `al_<user>_<seq:12>` (`core/record-ids.ts`) both
 *   name the entry, so a read by id is a GetItem, and ids of one user sort in commit order.
 * - A user's events oldest first: Query pk, `begins_with(sk, "ENTRY#")`, ascending, level entries
 *   filtered out (one per change of level: few). Their alerts newest first: gsi2, descending.
 * - All alerts newest first: gsi3, written over 8 shards by user, read as a merge of the 8
 *   shards' descending Queries (`alerts.ts`). One index partition would cap the whole
 *   service at about 1,000 alerts/s (DynamoDB's per-partition write limit); 8 shards lift that
 *   eightfold for 8 small Queries per page of this operators' list. Day buckets were the other
 *   choice, but a newest-first list would then have to walk empty days with no known end.
 * - Idempotency records of `POST /v1/events`: scope EVENTS (shared/platform/idempotency), in
 *   the event's transaction.
 */
import { sortableSeq } from "#monitoring/core/record-ids";
import { key, sortableNumber } from "#platform/db/keys";

/** The scope of the Idempotency-Keys of recorded events. */
export const MONITORING_IDEMPOTENCY_SCOPE = "EVENTS";

/** How many gsi3 partitions the list of all alerts is written over. */
const ALERT_SHARDS = 8;
const USER_WIDTH = 16;

const userPartition = (userId: number) => key("MON", "USER", userId);
const allAlertsList = key("MON", "ALERTS");
const ENTRY = "ENTRY";

export const monitoringKeys = {
  userPartition,
  entryPrefix: key(ENTRY, ""),
  /** The table key of a user's entry `seq` (an event, its alert if any, or a level change). */
  entry: (userId: number, seq: number) => ({
    pk: userPartition(userId),
    sk: key(ENTRY, sortableSeq(seq)),
  }),
  /** The gsi2 partition of a user's alerts (sorted by `seq`). */
  userAlerts: (userId: number) => key(userPartition(userId), "ALERTS"),
  /** The value naming the list of all alerts (its gsi3 shards are this plus a shard number). */
  allAlertsList,
  /** The gsi3 shard of a user's alerts. */
  allAlertsShard: (userId: number) => key(allAlertsList, userId % ALERT_SHARDS),
  allAlertsShards: Array.from({ length: ALERT_SHARDS }, (_, shard) => key(allAlertsList, shard)),
  allAlertsSort: (createdAt: string, userId: number, seq: number) =>
    key(createdAt, sortableNumber(userId, USER_WIDTH), sortableSeq(seq)),
};

/** The gsi3 sort key of an alert: its creation time, then user and sequence (unique). */
export const ALL_ALERTS_SORT_PATTERN =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)#(\d{16})#(\d{12})$/;
