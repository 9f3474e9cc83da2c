/** The two kinds of transaction. */
export const transactionTypes = ["credit", "debit"] as const;
export type TransactionType = (typeof transactionTypes)[number];

/**
 * What a transaction id names: its place in the wallet's statement. `sequence` is 1, 2, 3 … in
 * commit order and `createdAtMs` (its commit time) never decreases along it, so the two in this
 * order sort the statement and let a `created_at` range be a key range.
 */
export interface TransactionRef {
  createdAtMs: number;
  sequence: number;
}

/** A transaction as posted. */
export interface TransactionRecord {
  accountId: string;
  ref: TransactionRef;
  type: TransactionType;
  amountCents: number;
  currency: string;
  balanceAfterCents: number;
  description: string | null;
  /** The business time the client stated (default: the request's time); analytics count by it. */
  occurredAtMs: number;
}

/** Digits of the created-at milliseconds and of the sequence, in ids and sort keys alike. */
export const MS_WIDTH = 13;
export const SEQ_WIDTH = 12;

/** A non-negative integer as fixed-width decimal text: text order is number order. */
export const fixedWidth = (value: number, width: number) => value.toString().padStart(width, "0");

/** The id of a transaction: `tx_<created ms:13>_<sequence:12>`. */
export const transactionId = ({ createdAtMs, sequence }: TransactionRef) =>
  `tx_${fixedWidth(createdAtMs, MS_WIDTH)}_${fixedWidth(sequence, SEQ_WIDTH)}`;

const TRANSACTION_ID = new RegExp(`^tx_(\\d{${MS_WIDTH}})_(\\d{${SEQ_WIDTH}})$`);

/** What a transaction id names; undefined when no transaction can have it. */
export function parseTransactionId(id: string): TransactionRef | undefined {
  const match = TRANSACTION_ID.exec(id);
  if (!match) return undefined;
  const ref = { createdAtMs: Number(match[1]), sequence: Number(match[2]) };
  return ref.sequence >= 1 ? ref : undefined;
}

/** A transaction's commit time as ISO text: its `created_at`. */
export const createdAtOf = (record: TransactionRecord) =>
  new Date(record.ref.createdAtMs).toISOString();

/** Where a transaction is read by managers: the `Location` of its posting. */
export const transactionLocation = (accountId: string, ref: TransactionRef) =>
  `/v1/accounts/${accountId}/transactions/${transactionId(ref)}`;
