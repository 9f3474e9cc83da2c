import type { AccountRecord } from "#accounts/account-store";
import { accountKeys } from "#accounts/keys";
import type { PostingInput } from "#ledger/api/schemas";
import { transactionNotification } from "#notifications";
import { tableName } from "#platform/db/client";
import type { TransactItem } from "#platform/db/transactions";
import {
  type IdempotencyRef,
  idempotencyRecordPut,
  type StoredResponse,
} from "#platform/idempotency/record";
import { transactionId } from "./keys";
import { type TransactionRecord, transactionItem, transactionView } from "./transaction-item";
import { type Applied, applyMovement, type Refusal, utcDate, type Wallet } from "./wallet";
import { dayCountItem, walletPut } from "./wallet-item";

/** One posting, decided: what was read, what it becomes, and the response it will give. */
export interface Posting {
  /** The whole account item as read with the wallet (name, phone… for what joins later). */
  account: AccountRecord;
  before: { wallet: Wallet; dayCount: number };
  after: Applied;
  transaction: TransactionRecord;
  idempotency: { ref: IdempotencyRef; fingerprint: string; response: StoredResponse };
  /** The SMS of the transaction: its outbox item joins the posting's transaction. */
  notification: TransactItem;
  nowMs: number;
}

/** A validated posting request: its input, when it occurred, and its idempotency key. */
export interface PostingRequest {
  input: PostingInput;
  occurredAtMs: number;
  idempotency: { ref: IdempotencyRef; fingerprint: string };
}

/**
 * Decides a posting on what was read (pure): the posting to write, with the response it will
 * give, or why the balance refuses it.
 */
export function planPosting(
  request: PostingRequest,
  account: AccountRecord,
  before: Posting["before"],
  nowMs: number,
): Posting | Refusal {
  const { input, occurredAtMs } = request;
  const date = utcDate(occurredAtMs);
  const after = applyMovement(before.wallet, before.dayCount, {
    type: input.type,
    amountCents: input.amount,
    date,
  });
  if (typeof after === "string") return after;
  const transaction: TransactionRecord = {
    accountId: account.id,
    ref: { occurredAtMs, seq: after.wallet.transactionCount },
    type: input.type,
    amountCents: input.amount,
    currency: before.wallet.currency,
    balanceAfterCents: after.wallet.balanceCents,
    description: input.description ?? null,
    createdAt: new Date(nowMs).toISOString(),
  };
  const id = transactionId(transaction.ref);
  const location = `/v1/accounts/${account.id}/transactions/${id}`;
  const stored = transactionItem(transaction);
  const plain = transactionView(stored, null);
  const notification = transactionNotification(
    { name: account.name, phone: account.phone, smsNotifications: account.sms_notifications },
    {
      accountId: account.id,
      transactionId: id,
      type: transaction.type,
      amount: plain.amount,
      balanceAfter: plain.balance_after,
      currency: transaction.currency,
      createdAt: transaction.createdAt,
    },
  );
  const response: StoredResponse = {
    status: 201,
    headers: { location },
    body: { ...plain, notification: notification.view },
  };
  return {
    account,
    before,
    after,
    transaction,
    idempotency: { ...request.idempotency, response },
    notification: notification.transactItem,
    nowMs,
  };
}

/** The day count put with count + 1, conditioned on the count the posting read. */
function dayPut(accountId: string, date: string, before: number, after: number): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: dayCountItem(accountId, date, after),
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
export function postingItems(posting: Posting) {
  const { account, before, after, transaction, idempotency, notification, nowMs } = posting;
  const accountId = account.id;
  return {
    wallet: walletPut(after.wallet, before.wallet.transactionCount, transaction.createdAt),
    transaction: {
      Put: {
        TableName: tableName,
        Item: transactionItem(transaction),
        // New by construction (its seq follows the checked version); never overwrite history.
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    day: dayPut(accountId, utcDate(transaction.ref.occurredAtMs), before.dayCount, after.dayCount),
    account: {
      ConditionCheck: {
        TableName: tableName,
        Key: accountKeys.account(accountId),
        ConditionExpression: "attribute_exists(pk)",
      },
    },
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
