import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { newSecretKey } from "#app/local-runtime";

/**
 * A secret of the local runtime kept in `dataDir/<name>` (created by `generate` on first use),
 * so that what depends on it survives restarts; without a data dir, a fresh one each run.
 */
function localSecret(dataDir: string | undefined, name: string, generate: () => string): string {
  if (!dataDir) return generate();
  const file = join(dataDir, name);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, generate(), { mode: 0o600, flag: "wx" });
  }
  return readFileSync(file, "utf8").trim();
}

/** The local hashing key: kept in `dataDir/hash-key` so stored hashes survive restarts. */
export const localHashKey = (dataDir: string | undefined) =>
  localSecret(dataDir, "hash-key", () => randomBytes(32).toString("hex"));

/** The local beacon's BLS secret key, in `dataDir/beacon-key`: its rounds stay verifiable. */
export const localBeaconKey = (dataDir: string | undefined) =>
  localSecret(dataDir, BEACON_KEY_FILE, newSecretKey);

/** Where under DATA_DIR the local beacon's key lives (the verifier looks there too). */
export const BEACON_KEY_FILE = "beacon-key";
