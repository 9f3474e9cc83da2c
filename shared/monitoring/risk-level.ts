import { levelChanged, RETRY_BUDGET_MS } from "#monitoring/core/records";
import type { RiskLevel } from "#monitoring/core/risk-limits";
import { afterLostWrites, readUserRecord, storeLevel } from "#monitoring/store/user-history";
import { DomainError } from "#platform/errors";

/**
 * A user's risk level (`medium` when never set): the latest entry's, read strongly consistent,
 * so a GET right after a PUT sees the new level.
 */
export async function getRiskLevel(userId: number): Promise<RiskLevel> {
  return (await readUserRecord(userId)).level;
}

/**
 * Sets a user's risk level as the next entry of the user's history (none when it is the level
 * already): an event judged at the old level then finds its number taken and is judged again at
 * the new one. An event taking the number first is handed back and the change follows it; past
 * the events' budget the change answers 503 and nothing is stored.
 */
export async function setRiskLevel(userId: number, level: RiskLevel): Promise<void> {
  const deadline = Date.now() + RETRY_BUDGET_MS;
  let record = await readUserRecord(userId);
  const changeAgainOn = afterLostWrites(userId);
  while (record.level !== level) {
    const result = await storeLevel(levelChanged(record, level));
    if (result.stored) return;
    if (Date.now() >= deadline) throw DomainError.busy();
    record = await changeAgainOn(result);
  }
}
