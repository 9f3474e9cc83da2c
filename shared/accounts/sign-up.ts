import {
  type AccountView,
  newAccount,
  type SignUpInput,
  toAccountView,
} from "#accounts/core/account";
import { newAccountId } from "#accounts/core/tokens";
import { insertAccount } from "#accounts/store/account-store";
import { clock } from "#platform/clock";
import { hashPassword } from "./password";

/** Signs up: creates an account; 409 email_taken when the (case-insensitive) email is held. */
export async function signUp(input: SignUpInput): Promise<AccountView> {
  const account = newAccount(newAccountId(), input, clock.now());
  await insertAccount(account, await hashPassword(input.password));
  return toAccountView(account);
}
