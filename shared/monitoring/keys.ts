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
 * - The state item holds the risk level, a version (bumped by every write to it, the
 *   optimistic lock), the count of events (the next event's `seq`) and the rules' compact state.
 * - `seq` numbers a user's events 1, 2, 3… in commit order; an alert takes its event's `seq`.
 * - Ids carry their key: `ev_<user>_<seq:12>` and `al_<user>_<seq:12>`, so a read by id is a
 *   GetItem and ids of one user sort in commit order.
 * - A user's events oldest first: Query pk, `begins_with(sk, "EVENT#")`, ascending; their alerts
 *   newest first: the same with `ALERT#`, descending.
 * - All alerts newest first: gsi1, written over 8 shards by user, read as a merge of the 8
 *   shards' descending Queries (`all-alerts.ts`). One index partition would cap the whole
 *   service at about 1,000 alerts/s (DynamoDB's per-partition write limit); 8 shards lift that
 *   eightfold for 8 small Queries per page of this operators' list. Day buckets were the other
 *   choice, but a newest-first list would then have to walk empty days with no known end.
 */
import { key, sortableNumber } from "#platform/db/keys";

const SEQ_WIDTH = 12;
/** How many gsi1 partitions the list of all alerts is written over. */
const ALERT_SHARDS = 8;
const USER_WIDTH = 16;

/** A user's two kinds of numbered item: an event, and the alert it raised (same `seq`). */
const recordKinds = {
  event: { sortPrefix: "EVENT", idPrefix: "ev" },
  alert: { sortPrefix: "ALERT", idPrefix: "al" },
} as const;
export type RecordKind = keyof typeof recordKinds;

const userPartition = (userId: number) => key("MON", "USER", userId);
const allAlertsList = key("MON", "ALERTS");
/** The table key of a user's event or alert. */
const recordKey = (kind: RecordKind) => (userId: number, seq: number) => ({
  pk: userPartition(userId),
  sk: key(recordKinds[kind].sortPrefix, sortableNumber(seq, SEQ_WIDTH)),
});

export const monitoringKeys = {
  userPartition,
  state: (userId: number) => ({ pk: userPartition(userId), sk: "STATE" }),
  eventPrefix: key(recordKinds.event.sortPrefix, ""),
  alertPrefix: key(recordKinds.alert.sortPrefix, ""),
  event: recordKey("event"),
  alert: recordKey("alert"),
  /** The value naming the list of all alerts (its gsi1 shards are this plus a shard number). */
  allAlertsList,
  /** The gsi1 shard of a user's alerts. */
  allAlertsShard: (userId: number) => key(allAlertsList, userId % ALERT_SHARDS),
  allAlertsShards: Array.from({ length: ALERT_SHARDS }, (_, shard) => key(allAlertsList, shard)),
  allAlertsSort: (createdAt: string, userId: number, seq: number) =>
    key(createdAt, sortableNumber(userId, USER_WIDTH), sortableNumber(seq, SEQ_WIDTH)),
};

/** The gsi1 sort key of an alert: its creation time, then user and sequence (unique). */
export const ALL_ALERTS_SORT_PATTERN =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)#(\d{16})#(\d{12})$/;

// A user id as path and query parameters spell it: a canonical non-negative integer.
const USER_ID_TEXT = String.raw`(0|[1-9]\d{0,15})`;
export const USER_ID_PATTERN = new RegExp(`^${USER_ID_TEXT}$`);

/** The id of a user's event or alert: `ev_<user>_<seq:12>` or `al_<user>_<seq:12>`. */
export const recordId = (kind: RecordKind, userId: number, seq: number) =>
  `${recordKinds[kind].idPrefix}_${userId}_${sortableNumber(seq, SEQ_WIDTH)}`;

const idPattern = (kind: RecordKind) =>
  new RegExp(`^${recordKinds[kind].idPrefix}_${USER_ID_TEXT}_(\\d{${SEQ_WIDTH}})$`);
const idPatterns = { event: idPattern("event"), alert: idPattern("alert") };

/** What an event or alert id names: its user and sequence, hence its key. */
export interface RecordRef {
  userId: number;
  seq: number;
}

/** The user and sequence an event or alert id names; undefined when it names none. */
export function parseRecordId(kind: RecordKind, id: string): RecordRef | undefined {
  const match = idPatterns[kind].exec(id);
  if (!match) return undefined;
  const userId = Number(match[1]);
  const seq = Number(match[2]);
  if (!Number.isSafeInteger(userId) || seq < 1) return undefined;
  return { userId, seq };
}
