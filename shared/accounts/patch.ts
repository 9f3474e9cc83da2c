import type { AccountPatch, AccountView } from "#accounts/api/schemas";

/** What a merge patch does to an account. */
export interface AccountChange {
  /** The account as it will be. */
  next: AccountView;
  /** Whether the (lower-case) email really changes: the uniqueness claim must move. */
  emailChanged: boolean;
  /** Whether the caller must prove the current password (email or password in the patch). */
  needsCurrentPassword: boolean;
  /** Whether anything is to be written at all. */
  writes: boolean;
}

/** Applies a merge patch: absent fields stay, `phone: null` removes the phone. */
export function planAccountPatch(current: AccountView, patch: AccountPatch): AccountChange {
  const next: AccountView = {
    ...current,
    name: patch.name ?? current.name,
    phone: patch.phone === undefined ? current.phone : patch.phone,
    sms_notifications: patch.sms_notifications ?? current.sms_notifications,
    email: patch.email ?? current.email,
  };
  const emailChanged = next.email !== current.email;
  const writes =
    emailChanged ||
    patch.password !== undefined ||
    next.name !== current.name ||
    next.phone !== current.phone ||
    next.sms_notifications !== current.sms_notifications;
  return {
    next,
    emailChanged,
    needsCurrentPassword: patch.email !== undefined || patch.password !== undefined,
    writes,
  };
}

/** The account as a client sees it (strips whatever else the stored record carries). */
export const toAccountView = (account: AccountView): AccountView => ({
  id: account.id,
  email: account.email,
  name: account.name,
  phone: account.phone,
  sms_notifications: account.sms_notifications,
  created_at: account.created_at,
});
