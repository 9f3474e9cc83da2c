/**
 * The hashes argon2 `verify` was asked to check, in order: secrets-setup.ts's wrapper of
 * `@node-rs/argon2` records them, so a test can count the costly work a request did instead of
 * timing it (wall-clock times are not asserted on shared machines).
 */
export const argon2Verifications: string[] = [];
