import type * as z from "zod";
import type { AccountView, registerBody } from "#accounts/api/schemas";
import { insertAccount } from "./account-store";
import { accountsClock } from "./clock";
import { hashPassword } from "./password";
import { toAccountView } from "./patch";
import { newAccountId } from "./tokens";

/** Creates an account; 409 email_taken when the (case-insensitive) email is already held. */
export async function registerAccount(input: z.output<typeof registerBody>): Promise<AccountView> {
  const account = {
    id: newAccountId(),
    email: input.email,
    name: input.name,
    phone: input.phone ?? null,
    sms_notifications: input.sms_notifications ?? true,
    created_at: new Date(accountsClock.now()).toISOString(),
    version: 1,
  };
  await insertAccount(account, await hashPassword(input.password));
  return toAccountView(account);
}
