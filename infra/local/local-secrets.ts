import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The local hashing key: kept in `dataDir/hash-key` so stored hashes survive restarts. */
export function localHashKey(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(32).toString("hex");
  const file = join(dataDir, "hash-key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  }
  return readFileSync(file, "utf8").trim();
}
