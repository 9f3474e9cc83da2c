import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { AccountView } from "#accounts/api/schemas";
import { walletIsEmpty } from "#ledger/wallet-guard";
import { db, tableName } from "#platform/db/client";
import { rethrowCancellation, type TransactItem } from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import { accountKeys } from "./keys";
import type { AccountChange } from "./patch";

/** An account as stored: what clients see, plus the version that guards concurrent updates. */
export type AccountRecord = AccountView & { version: number };

/** The email's owner and the password hash, as log-in and password checks read them. */
export interface Credentials {
  accountId: string;
  passwordHash: string;
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

/** The account held by a stored account item. */
export function accountRecordFromItem(item: Record<string, unknown>): AccountRecord {
  return {
    id: item.id as string,
    email: item.email as string,
    name: item.name as string,
    phone: (item.phone as string | null | undefined) ?? null,
    // Accounts stored before the setting existed get its default.
    sms_notifications: (item.sms_notifications as boolean | undefined) ?? true,
    created_at: item.created_at as string,
    version: item.version as number,
  };
}

const accountItem = (account: AccountRecord) => ({
  ...accountKeys.account(account.id),
  type: "account",
  ...account,
});

const credentialsItem = (email: string, credentials: Credentials) => ({
  ...accountKeys.credentials(email),
  type: "credentials",
  account_id: credentials.accountId,
  password_hash: credentials.passwordHash,
});

/** Writes a new account and claims its email in one transaction; 409 email_taken if claimed. */
export async function insertAccount(account: AccountRecord, passwordHash: string): Promise<void> {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: accountItem(account),
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: credentialsItem(account.email, { accountId: account.id, passwordHash }),
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
        ],
      }),
    );
  } catch (error) {
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
  return Item ? accountRecordFromItem(Item) : undefined;
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
  if (!Item) return undefined;
  return { accountId: Item.account_id as string, passwordHash: Item.password_hash as string };
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
        Item: accountItem(next),
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
            Item: credentialsItem(next.email, moved),
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

const balanceNotZero = () =>
  new DomainError(
    "balance_not_zero",
    "The account's wallet still holds money; post a debit to zero it first",
  );

/**
 * Deletes the account and frees its email, unless the account changed since it was read; 409
 * `balance_not_zero` (nothing deleted) while its wallet holds money. Postings are conditioned
 * on the account existing, so none can slip in between the check and the deletion.
 */
export async function removeAccount(account: AccountRecord): Promise<void> {
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
          walletIsEmpty(account.id),
        ],
      }),
    );
  } catch (error) {
    rethrowCancellation(error, (index) =>
      index === 2 ? balanceNotZero() : new AccountChangedError(),
    );
  }
}
