import { newRaffleMeta, type RaffleMeta } from "#raffles/core/shard-hints";

/** How many raffles a process keeps in memory; the oldest is dropped first. */
const MAX_CACHED_RAFFLES = 1000;
const cache = new Map<string, RaffleMeta>();

/** Drops a raffle from the cache, as a cold start would (tests). */
export const forgetRaffleMeta = (id: string) => cache.delete(id);

/** The cached metadata of a raffle, if this process has seen it. */
export const cachedRaffleMeta = (id: string) => cache.get(id);

/** Caches a raffle's metadata built from its stored fields (it is immutable after creation). */
export function rememberRaffleMeta(record: Parameters<typeof newRaffleMeta>[0]): RaffleMeta {
  const known = cache.get(record.id);
  if (known) return known;
  const meta = newRaffleMeta(record);
  if (cache.size >= MAX_CACHED_RAFFLES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(record.id, meta);
  return meta;
}
