import { accountExists } from "#accounts";
import type { PostingPlan } from "#ledger/core/posting";
import type { Wallet } from "#ledger/core/wallet";
import { tableName } from "#platform/db/client";
import type { TransactItem } from "#platform/db/transactions";
import {
  type IdempotencyRef,
  idempotencyRecordPut,
  type StoredResponse,
} from "#platform/idempotency/record";
import { toDayCountItem } from "./day-count-item";
import { toTransactionItem } from "./transaction-item";
import { toWalletItem } from "./wallet-item";

/** A decided posting with what joins its transaction: the key's record and the SMS's outbox item. */
export interface PostingWrite {
  plan: PostingPlan;
  idempotency: { ref: IdempotencyRef; fingerprint: string; response: StoredResponse };
  /** The SMS of the transaction: its outbox item joins the posting's transaction. */
  notification: TransactItem;
  nowMs: number;
}

/**
 * Puts the wallet after a posting, conditioned on the version it was computed from (a new
 * wallet: on there being none). A lost race hands back the winner's wallet.
 */
export function walletPut(next: Wallet, previousCount: number): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: toWalletItem(next),
      ...(previousCount === 0
        ? { ConditionExpression: "attribute_not_exists(pk)" }
        : {
            ConditionExpression: "transaction_count = :count",
            ExpressionAttributeValues: { ":count": previousCount },
          }),
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    },
  };
}

/** The day count put with count + 1, conditioned on the count the posting read. */
function dayPut(accountId: string, date: string, before: number, after: number): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: toDayCountItem(accountId, date, after),
      ...(before === 0
        ? { ConditionExpression: "attribute_not_exists(pk)" }
        : {
            ConditionExpression: "transaction_count = :count",
            ExpressionAttributeValues: { ":count": before },
          }),
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    },
  };
}

/**
 * Every item of a posting's one TransactWriteItems, by role, all conditional: the wallet (on its
 * version), the new transaction, its day's count (on the count read), the account (it must still
 * exist: a deletion cannot race a posting) and the idempotency record (on the key being free).
 * This is the one place a posting's writes are assembled: another item (a notification's outbox
 * entry) joins by adding a role here.
 */
export function postingItems(write: PostingWrite) {
  const { plan, idempotency, notification, nowMs } = write;
  const { accountId, before, after, date, transaction } = plan;
  return {
    wallet: walletPut(after.wallet, before.wallet.transactionCount),
    transaction: {
      Put: {
        TableName: tableName,
        Item: toTransactionItem(transaction),
        // New by construction (its sequence follows the checked version); never overwrite history.
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    day: dayPut(accountId, date, before.dayCount, after.dayCount),
    account: accountExists(accountId),
    idempotency: idempotencyRecordPut(
      idempotency.ref,
      idempotency.fingerprint,
      idempotency.response,
      nowMs,
    ),
    notification,
  } satisfies Record<string, TransactItem>;
}

/** The role of each item of a posting's transaction. */
export type PostingRole = keyof ReturnType<typeof postingItems>;

/** What one item of a batch's transaction stands for: a shared item, or one posting's. */
export type BatchRole =
  | { role: "wallet" | "account" }
  | { role: "day"; date: string }
  | { role: "transaction" | "idempotency" | "notification"; posting: number }
  /** What the use case adds to the batch: a posting's webhook event. */
  | { role: "event"; posting: number };

/**
 * The one TransactWriteItems of postings decided one after another on one wallet (group
 * commit): the wallet put once, from the first one's version to the last one's wallet; each
 * day's count once, from the first count read to the last; the account's existence checked
 * once; and each posting's transaction, idempotency record and SMS. With one posting it is
 * exactly `postingItems`. At most 3 + 4 per posting items: 24 postings stay within DynamoDB's
 * 100 actions per transaction.
 */
export function batchItems(writes: readonly PostingWrite[]) {
  const first = writes[0];
  const last = writes.at(-1);
  if (!first || !last) throw new Error("a batch needs a posting");
  const items: TransactItem[] = [];
  const roles: BatchRole[] = [];
  const add = (item: TransactItem, role: BatchRole) => {
    items.push(item);
    roles.push(role);
  };
  const { accountId } = first.plan;
  add(walletPut(last.plan.after.wallet, first.plan.before.wallet.transactionCount), {
    role: "wallet",
  });
  const days = new Map<string, { before: number; after: number }>();
  for (const { plan } of writes) {
    const day = days.get(plan.date);
    days.set(plan.date, {
      before: day?.before ?? plan.before.dayCount,
      after: plan.after.dayCount,
    });
  }
  for (const [date, { before, after }] of days) {
    add(dayPut(accountId, date, before, after), { role: "day", date });
  }
  add(accountExists(accountId), { role: "account" });
  writes.forEach((write, posting) => {
    const single = postingItems(write);
    add(single.transaction, { role: "transaction", posting });
    add(single.idempotency, { role: "idempotency", posting });
    add(single.notification, { role: "notification", posting });
  });
  return { items, roles };
}
