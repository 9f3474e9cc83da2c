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
