import type { AccountRecord } from "#accounts/core/account";
import { accountKeys } from "./keys";

/** The stored item of an account. */
export const toAccountItem = (account: AccountRecord) => ({
  ...accountKeys.account(account.id),
  type: "account",
  ...account,
});

/** The account held by a stored account item. */
export function fromAccountItem(item: Record<string, unknown>): AccountRecord {
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
