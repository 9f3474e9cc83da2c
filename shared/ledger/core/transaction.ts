/** The two kinds of transaction. */
export const transactionTypes = ["credit", "debit"] as const;
export type TransactionType = (typeof transactionTypes)[number];

/** What a transaction id names: when it occurred and its place in posting order. */
export interface TransactionRef {
  occurredAtMs: number;
  seq: number;
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
  createdAt: string;
}

/** Digits of the occurred-at milliseconds and of the seq, in ids and sort keys alike. */
export const MS_WIDTH = 13;
export const SEQ_WIDTH = 12;

/** A non-negative integer as fixed-width decimal text: text order is number order. */
export const fixedWidth = (value: number, width: number) => value.toString().padStart(width, "0");

/** The id of a transaction: `tx_<occurred ms:13>_<seq:12>`. */
export const transactionId = ({ occurredAtMs, seq }: TransactionRef) =>
  `tx_${fixedWidth(occurredAtMs, MS_WIDTH)}_${fixedWidth(seq, SEQ_WIDTH)}`;

const TRANSACTION_ID = new RegExp(`^tx_(\\d{${MS_WIDTH}})_(\\d{${SEQ_WIDTH}})$`);

/** What a transaction id names; undefined when no transaction can have it. */
export function parseTransactionId(id: string): TransactionRef | undefined {
  const match = TRANSACTION_ID.exec(id);
  if (!match) return undefined;
  const ref = { occurredAtMs: Number(match[1]), seq: Number(match[2]) };
  return ref.seq >= 1 ? ref : undefined;
}

/** Where a transaction is read by managers: the `Location` of its posting. */
export const transactionLocation = (accountId: string, ref: TransactionRef) =>
  `/v1/accounts/${accountId}/transactions/${transactionId(ref)}`;
