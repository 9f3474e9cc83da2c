// The ledger handlers called in-process, free of vitest: the tests and the bench share them.
import { randomUUID } from "node:crypto";
import { newAccountId } from "#accounts/core/tokens";
import { insertAccount } from "#accounts/store/account-store";
import { handler as getAnalytics } from "../../functions/ledger/get-analytics";
import { handler as getOwnAnalytics } from "../../functions/ledger/get-own-analytics";
import { handler as getOwnTransaction } from "../../functions/ledger/get-own-transaction";
import { handler as getTransaction } from "../../functions/ledger/get-transaction";
import { handler as listOwnTransactions } from "../../functions/ledger/list-own-transactions";
import { handler as listTransactions } from "../../functions/ledger/list-transactions";
import { handler as postTransaction } from "../../functions/ledger/post-transaction";
import { invoke } from "./lambda-event";

/** Inside MANAGER_CIDRS of the test environment. */
const MANAGER_IP = "127.0.0.1";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const transactions = (accountId: string) => `/v1/accounts/${accountId}/transactions`;

/** Options of a posting: the Idempotency-Key (a fresh one by default) or raw headers. */
export interface PostOptions {
  key?: string;
  headers?: Record<string, string>;
  sourceIp?: string;
}

/** The ledger routes' handlers, called in-process with API Gateway events. */
export const ledgerApi = {
  post: (accountId: string, body: unknown, options: PostOptions = {}) =>
    invoke(postTransaction, {
      method: "POST",
      path: transactions(accountId),
      pathParameters: { account_id: accountId },
      body,
      sourceIp: options.sourceIp ?? MANAGER_IP,
      headers: options.headers ?? { "idempotency-key": options.key ?? randomUUID() },
    }),
  list: (accountId: string, query?: Record<string, string>, sourceIp = MANAGER_IP) =>
    invoke(listTransactions, {
      path: transactions(accountId),
      pathParameters: { account_id: accountId },
      sourceIp,
      ...(query ? { query } : {}),
    }),
  get: (accountId: string, transactionId: string, sourceIp = MANAGER_IP) =>
    invoke(getTransaction, {
      path: `${transactions(accountId)}/${transactionId}`,
      pathParameters: { account_id: accountId, transaction_id: transactionId },
      sourceIp,
    }),
  analytics: (accountId: string, sourceIp = MANAGER_IP) =>
    invoke(getAnalytics, {
      path: `/v1/accounts/${accountId}/analytics`,
      pathParameters: { account_id: accountId },
      sourceIp,
    }),
  listOwn: (token: string, query?: Record<string, string>) =>
    invoke(listOwnTransactions, {
      path: "/v1/accounts/me/transactions",
      headers: bearer(token),
      ...(query ? { query } : {}),
    }),
  getOwn: (token: string, transactionId: string) =>
    invoke(getOwnTransaction, {
      path: `/v1/accounts/me/transactions/${transactionId}`,
      pathParameters: { transaction_id: transactionId },
      headers: bearer(token),
    }),
  analyticsOwn: (token: string) =>
    invoke(getOwnAnalytics, { path: "/v1/accounts/me/analytics", headers: bearer(token) }),
};

let accounts = 0;

/**
 * A new account stored by the accounts domain itself, without argon2 (its hash is never
 * checked): for ledgers that need an account, not a log-in.
 */
export async function newLedgerAccount(
  name = "Ledger holder",
  contact: { phone?: string | null; smsNotifications?: boolean } = {},
): Promise<string> {
  const id = newAccountId();
  await insertAccount(
    {
      id,
      email: `ledger.${Date.now()}.${accounts++}.${id.slice(2, 8)}@example.com`.toLowerCase(),
      name,
      phone: contact.phone ?? null,
      sms_notifications: contact.smsNotifications ?? true,
      created_at: new Date().toISOString(),
      version: 1,
    },
    "not-a-real-hash",
  );
  return id;
}
