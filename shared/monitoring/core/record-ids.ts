/**
 * A user's two kinds of numbered record, an event and the alert it raised (same `seq`), and
 * their ids: `ev_<user>_<seq:12>` and `al_<user>_<seq:12>`. An id carries its record's key, so a
 * read by id needs no lookup, and ids of one user sort in commit order.
 */

/** The digits of a sequence number in ids and sort keys (zero-padded, so text order is numeric). */
export const SEQ_WIDTH = 12;

/** A sequence number as ids and sort keys spell it: zero-padded to 12 digits. */
export const sortableSeq = (seq: number) => seq.toString().padStart(SEQ_WIDTH, "0");

const idPrefixes = { event: "ev", alert: "al" } as const;
export type RecordKind = keyof typeof idPrefixes;

// A user id as path and query parameters spell it: a canonical non-negative integer.
const USER_ID_TEXT = String.raw`(0|[1-9]\d{0,15})`;
export const USER_ID_PATTERN = new RegExp(`^${USER_ID_TEXT}$`);

/** The id of a user's event or alert: `ev_<user>_<seq:12>` or `al_<user>_<seq:12>`. */
export const recordId = (kind: RecordKind, userId: number, seq: number) =>
  `${idPrefixes[kind]}_${userId}_${sortableSeq(seq)}`;

const idPattern = (kind: RecordKind) =>
  new RegExp(`^${idPrefixes[kind]}_${USER_ID_TEXT}_(\\d{${SEQ_WIDTH}})$`);
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
