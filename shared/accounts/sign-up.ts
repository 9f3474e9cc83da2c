import {
  type AccountView,
  newAccount,
  type SignUpInput,
  toAccountView,
} from "#accounts/core/account";
import { newAccountId } from "#accounts/core/tokens";
import { insertAccount } from "#accounts/store/account-store";
import { ACCOUNTS_IDEMPOTENCY_SCOPE } from "#accounts/store/keys";
import { clock } from "#platform/clock";
import { type IdempotentResult, once } from "#platform/idempotency/once";
import { hashPassword, keyedPasswordDigest } from "./password";

/**
 * Signs up: creates an account; 409 email_taken when the (case-insensitive) email is held. With
 * an `Idempotency-Key`, at most once per key: the key's record joins the account's transaction,
 * and the fingerprint holds the password only as a slow keyed digest.
 */
export async function signUp(
  input: SignUpInput,
  idempotencyKey?: string,
): Promise<IdempotentResult<AccountView>> {
  const fingerprinted =
    idempotencyKey === undefined
      ? input
      : { ...input, password: await keyedPasswordDigest(input.password, idempotencyKey) };
  const request = {
    scope: ACCOUNTS_IDEMPOTENCY_SCOPE,
    key: idempotencyKey,
    operation: "accounts.sign_up",
    input: fingerprinted,
  };
  return once(request, async (records) => {
    const account = newAccount(newAccountId(), input, clock.now());
    const response = {
      status: 201,
      headers: { location: "/v1/accounts/me" },
      body: toAccountView(account),
    };
    await insertAccount(account, await hashPassword(input.password), records(response));
    return response;
  });
}
