/** An account as clients see it: never a password or a hash. */
export interface AccountView {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  sms_notifications: boolean;
  created_at: string;
}

/** An account as stored: what clients see, plus the version that guards concurrent updates. */
export type AccountRecord = AccountView & { version: number };

/** The email's owner and the password hash, as log-in and password checks read them. */
export interface Credentials {
  accountId: string;
  passwordHash: string;
}

/** What sign-up asks for (validated: the email in lower case, the name trimmed). */
export interface SignUpInput {
  email: string;
  password: string;
  name: string;
  phone?: string | null | undefined;
  sms_notifications?: boolean | undefined;
}

/** A merge patch of one's own account (validated). */
export interface AccountPatch {
  name?: string | undefined;
  phone?: string | null | undefined;
  sms_notifications?: boolean | undefined;
  email?: string | undefined;
  password?: string | undefined;
  current_password?: string | undefined;
}

/** The account a sign-up creates, at version 1 (`nowMs`: the clock's now). */
export function newAccount(id: string, input: SignUpInput, nowMs: number): AccountRecord {
  return {
    id,
    email: input.email,
    name: input.name,
    phone: input.phone ?? null,
    sms_notifications: input.sms_notifications ?? true,
    created_at: new Date(nowMs).toISOString(),
    version: 1,
  };
}

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
