import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { AccountChange, AccountRecord, Credentials } from "#accounts/core/account";
import { db, tableName } from "#platform/db/client";
import { rethrowCancellation, type TransactItem } from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import { throwIfKeyTaken } from "#platform/idempotency/once";
import { fromAccountItem, toAccountItem } from "./account-item";
import { fromCredentialsItem, toCredentialsItem } from "./credentials-item";
import { accountKeys } from "./keys";

/**
 * A condition another domain puts on closing an account (the ledger's: the wallet is empty):
 * `check` joins the deletion's one transaction, so nothing can slip in between the check and
 * the deletion; when it fails nothing is deleted and the deletion throws `refusal()`.
 */
export interface ClosingCondition {
  check: TransactItem;
  refusal: () => Error;
}

/** Thrown when a conditional write lost to a concurrent change: re-read and try again. */
export class AccountChangedError extends Error {
  constructor() {
    super("The account changed concurrently");
    this.name = "AccountChangedError";
  }
}

const MAX_RACES = 3;

/**
 * Runs `attempt` (which re-reads what it needs) again while it loses to a concurrent change
 * of the account, up to three times in all.
 */
export async function retryOnAccountChange<T>(attempt: () => Promise<T>): Promise<T> {
  for (let race = 1; ; race++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof AccountChangedError) || race >= MAX_RACES) throw error;
    }
  }
}

const emailTaken = () => new DomainError("email_taken", "An account with this email exists");

/**
 * Writes a new account and claims its email in one transaction (with the items `alongside`: an
 * idempotency record); 409 email_taken if claimed.
 */
export async function insertAccount(
  account: AccountRecord,
  passwordHash: string,
  alongside: readonly TransactItem[] = [],
): Promise<void> {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: toAccountItem(account),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: toCredentialsItem(account.email, { accountId: account.id, passwordHash }),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    ...alongside,
  ];
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    // A duplicate of a keyed sign-up fails on the email too: the key's answer comes first.
    throwIfKeyTaken(error, items);
    rethrowCancellation(error, (index) => (index === 1 ? emailTaken() : undefined));
  }
}

/** The account with this id, or undefined once it is deleted. */
export async function findAccount(accountId: string): Promise<AccountRecord | undefined> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: accountKeys.account(accountId),
      ConsistentRead: true,
    }),
  );
  return Item ? fromAccountItem(Item) : undefined;
}

/** Who holds this (lower-case) email and their password hash; undefined when nobody does. */
export async function findCredentials(email: string): Promise<Credentials | undefined> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: accountKeys.credentials(email),
      ConsistentRead: true,
    }),
  );
  return Item ? fromCredentialsItem(Item) : undefined;
}

/** The condition that an email's credentials still belong to this account with this hash. */
const credentialsGuard = (accountId: string, passwordHash: string) => ({
  ConditionExpression: "account_id = :account AND password_hash = :hash",
  ExpressionAttributeValues: { ":account": accountId, ":hash": passwordHash },
});

/**
 * A check that the email's credentials still belong to this account with the hash that was
 * verified: a log-in racing a password change or a deletion cannot outlive it.
 */
export function credentialsUnchanged(email: string, credentials: Credentials): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: accountKeys.credentials(email),
      ...credentialsGuard(credentials.accountId, credentials.passwordHash),
    },
  };
}

/**
 * Applies a planned change in one transaction: the account (guarded by its version) and,
 * when the email moves, the credentials item from the old email to the new one; when only the
 * password changes, the hash in place. `verified` is the hash the current password matched.
 */
export async function saveAccountChange(
  current: AccountRecord,
  change: AccountChange,
  verified: Credentials | undefined,
  newPasswordHash: string | undefined,
): Promise<AccountRecord> {
  const next: AccountRecord = { ...change.next, version: current.version + 1 };
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: toAccountItem(next),
        ConditionExpression: "version = :version",
        ExpressionAttributeValues: { ":version": current.version },
      },
    },
  ];
  if (verified) {
    const guard = credentialsGuard(current.id, verified.passwordHash);
    if (change.emailChanged) {
      const moved = {
        accountId: current.id,
        passwordHash: newPasswordHash ?? verified.passwordHash,
      };
      items.push(
        { Delete: { TableName: tableName, Key: accountKeys.credentials(current.email), ...guard } },
        {
          Put: {
            TableName: tableName,
            Item: toCredentialsItem(next.email, moved),
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
      );
    } else if (newPasswordHash) {
      items.push({
        Update: {
          TableName: tableName,
          Key: accountKeys.credentials(current.email),
          UpdateExpression: "SET password_hash = :new",
          ...guard,
          ExpressionAttributeValues: {
            ...guard.ExpressionAttributeValues,
            ":new": newPasswordHash,
          },
        },
      });
    }
  }
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    rethrowCancellation(error, (index) => (index === 2 ? emailTaken() : new AccountChangedError()));
  }
  return next;
}

/**
 * Deletes the account and frees its email, unless the account changed since it was read, in one
 * transaction with the `closing` conditions of other domains: when one fails, nothing is
 * deleted and its refusal is thrown.
 */
export async function removeAccount(
  account: AccountRecord,
  closing: readonly ClosingCondition[] = [],
): Promise<void> {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName,
              Key: accountKeys.account(account.id),
              ConditionExpression: "version = :version",
              ExpressionAttributeValues: { ":version": account.version },
            },
          },
          {
            Delete: {
              TableName: tableName,
              Key: accountKeys.credentials(account.email),
              ConditionExpression: "account_id = :account",
              ExpressionAttributeValues: { ":account": account.id },
            },
          },
          ...closing.map((condition) => condition.check),
        ],
      }),
    );
  } catch (error) {
    rethrowCancellation(error, (index) =>
      index >= 2 ? closing[index - 2]?.refusal() : new AccountChangedError(),
    );
  }
}

/** A check, for another domain's transaction, that the account exists (is not deleted). */
export const accountExists = (accountId: string): TransactItem => ({
  ConditionCheck: {
    TableName: tableName,
    Key: accountKeys.account(accountId),
    ConditionExpression: "attribute_exists(pk)",
  },
});

/** The key of an account's item: for another domain's BatchGetItem that reads it alongside. */
export const accountItemKey = (accountId: string) => accountKeys.account(accountId);
