import { randomBytes } from "node:crypto";

const TOKEN_BYTES = 32;
/** 32 bytes in base64url without padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new opaque bearer token: 256 random bits, base64url. */
export const newSessionToken = () => randomBytes(TOKEN_BYTES).toString("base64url");

/** Whether a presented token could be one of ours (saves a lookup for garbage). */
export const isWellFormedToken = (token: string) => TOKEN_PATTERN.test(token);

/** A new account id, `a_` and 128 random bits. */
export const newAccountId = () => `a_${randomBytes(16).toString("base64url")}`;

const ACCOUNT_ID_PATTERN = /^a_[A-Za-z0-9_-]{22}$/;

/** Whether a text could be an account id (anything else names no account). */
export const isAccountId = (id: string) => ACCOUNT_ID_PATTERN.test(id);
