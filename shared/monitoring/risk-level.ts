import type { RiskLevel } from "#monitoring/core/risk-limits";
import { readUserRecord, writeRiskLevel } from "#monitoring/store/user-records";

/**
 * A user's risk level (`medium` when never set). Read strongly consistent, like every read of
 * the state item, so a GET right after a PUT sees the new level.
 */
export async function getRiskLevel(userId: number): Promise<RiskLevel> {
  return (await readUserRecord(userId)).level;
}

/**
 * Sets a user's risk level, bumping the state's version: an event being judged concurrently at
 * the old level then fails its condition and is judged again at the new one.
 */
export const setRiskLevel = (userId: number, level: RiskLevel): Promise<void> =>
  writeRiskLevel(userId, level);
