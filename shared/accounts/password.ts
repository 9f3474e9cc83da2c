// The only module that loads the argon2 native binding: only the functions that hash or
// verify a password import it (register, log in, update one's account).
import { createHash } from "node:crypto";
import { type Algorithm, hash, hashRaw, verify } from "@node-rs/argon2";

/** OWASP's argon2id parameters: 19 MiB, 2 passes, 1 lane (a fresh random salt per hash). */
const passwordHashOptions = {
  algorithm: 2 as Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

// The same text typed on two keyboards may arrive composed or decomposed.
const normalise = (password: string) => password.normalize("NFC");

/** The argon2id hash (PHC string) of a password. */
export const hashPassword = (password: string) => hash(normalise(password), passwordHashOptions);

/**
 * The password as a sign-up's idempotency fingerprint takes it: argon2id at the same cost, salted
 * by the Idempotency-Key, so the same key and password give the same digest, and a stored
 * fingerprint is no cheaper to attack than the credentials item.
 */
export async function keyedPasswordDigest(password: string, idempotencyKey: string) {
  const salt = createHash("sha256").update(`sign-up\n${idempotencyKey}`).digest();
  const digest = await hashRaw(normalise(password), { ...passwordHashOptions, salt });
  return digest.toString("base64url");
}

/**
 * A hash of no one's password, for log-ins of unknown emails: made once with `hashPassword`
 * (same parameters, so verifying against it costs the same) and kept as a constant, so no
 * cold start pays for an extra hash. A unit test holds its parameters to `hashPassword`'s.
 */
export const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$22RTvJVS19oqWvYWyLzd5Q$iayp31lj4/l/05rmDrhR89aQNubvAtqQw9MRUhcTgQQ";

/**
 * Whether `password` matches `passwordHash`. Without a hash (unknown email) it verifies
 * against the dummy hash and answers false, so both cases cost one argon2 verification.
 */
export async function verifyPassword(
  passwordHash: string | undefined,
  password: string,
): Promise<boolean> {
  const matches = await verify(passwordHash ?? DUMMY_HASH, normalise(password));
  return passwordHash !== undefined && matches;
}
