/*
 * Wallet ledger items (one table, keys pk/sk; gsi1 keys gsi1pk/gsi1sk). Everything of one
 * account's wallet lives in its ledger partition, apart from the account item (accounts domain)
 * and the idempotency records (shared/platform/idempotency):
 *
 * | item        | pk                 | sk                     | gsi1pk / gsi1sk                                   |
 * |-------------|--------------------|------------------------|---------------------------------------------------|
 * | wallet      | LEDGER#<account>   | WALLET                 | –                                                 |
 * | day count   | LEDGER#<account>   | DAY#<yyyy-mm-dd>       | –                                                 |
 * | transaction | LEDGER#<account>   | TX#<created ms:13>#<sequence:12> | LEDGER#<account>#TX#<type> / the same sk |
 * | idem. record| IDEMPOTENCY#LEDGER#<account> | KEY#<Idempotency-Key> | – (24 h TTL)                            |
 *
 * - wallet: balance_cents, transaction_count (the sequence of the latest transaction, and the
 *   optimistic-lock version: each posting transaction writes the count after its postings, one
 *   or several queued in one process's turn, conditioned on the count before them),
 *   updated_at (the created_at of the latest transaction), credit_count, debit_count,
 *   total_credited_cents and total_debited_cents (decimal text of a bigint: totals grow without
 *   bound, past 2^53 cents), busiest_day and busiest_day_count, currency. Analytics is this one
 *   item. It outlives the account, so a deleted account's ledger stays readable by managers.
 * - day count: transaction_count of postings whose occurred_at falls on that UTC day. Each
 *   posting transaction puts it with the count after its postings, conditioned on the count
 *   before them, in the same transaction as the wallet, so the busiest day on the wallet follows
 *   from the days that changed: no read of the history, and no unbounded per-day map on the
 *   wallet (400 KB item limit).
 * - transaction: the wallet's statement. sequence is the wallet's transaction_count after it
 *   (1, 2, 3… in commit order, no gaps: the wallet's version condition admits exactly one
 *   transaction per count). created_at is the posting's commit time, never before the wallet's
 *   updated_at (a clock behind it is overruled), so it never decreases along the sequence and
 *   the sort key (created ms, then sequence) is statement order. The id carries the key:
 *   `tx_<created ms:13>_<sequence:12>`, so a read by id is one GetItem. Attributes: type, id,
 *   account_id, sequence, amount_cents, currency, balance_after_cents, description (absent when
 *   none), occurred_at (the client's business time: analytics count by it), created_at
 *   (store/transaction-item.ts).
 * - No ledger item has a TTL. Each posting also writes, in its transaction, the SMS
 *   notification of the transaction (notifications domain, its own keys) and the idempotency
 *   record; the transaction checks that the account item (accounts domain) still exists.
 *
 * What each read of the list costs (never a Scan, never a read of the whole history):
 * - newest first: Query pk, sk BETWEEN TX# and TX#~, descending: limit + 1 items.
 * - `from`/`to` (on created_at): the same Query with the bounds in the sort key
 *   (TX#<from ms># … TX#<to ms>#~): limit + 1 items inside the range, whatever lies outside it.
 * - `type`: Query gsi1 on LEDGER#<account>#TX#<type> (same sort key, same bounds for from/to):
 *   limit + 1 items of that type. gsi1 is eventually consistent: a posting shows up in the
 *   type-filtered list a moment after it commits (typically well under a second); the unfiltered
 *   list, reads by id and analytics are strongly consistent.
 */
import {
  MS_WIDTH,
  SEQ_WIDTH,
  type TransactionRef,
  type TransactionType,
} from "#ledger/core/transaction";
import { key, sortableNumber } from "#platform/db/keys";

const partition = (accountId: string) => key("LEDGER", accountId);
const transactionSort = ({ createdAtMs, sequence }: TransactionRef) =>
  key("TX", sortableNumber(createdAtMs, MS_WIDTH), sortableNumber(sequence, SEQ_WIDTH));

/** Keys of the items of the ledger domain. */
export const ledgerKeys = {
  partition,
  wallet: (accountId: string) => ({ pk: partition(accountId), sk: "WALLET" }),
  day: (accountId: string, date: string) => ({ pk: partition(accountId), sk: key("DAY", date) }),
  transaction: (accountId: string, ref: TransactionRef) => ({
    pk: partition(accountId),
    sk: transactionSort(ref),
  }),
  /** The gsi1 partition of an account's transactions of one type. */
  typeIndex: (accountId: string, type: TransactionType) => key(partition(accountId), "TX", type),
  /** Sort-key bounds (inclusive) of the transactions created (committed) in [fromMs, toMs]. */
  createdRange: (fromMs?: number, toMs?: number) => ({
    low: fromMs === undefined ? "TX#" : key("TX", sortableNumber(fromMs, MS_WIDTH), ""),
    high: toMs === undefined ? "TX#~" : key("TX", sortableNumber(toMs, MS_WIDTH), "~"),
  }),
};
