import { randomBytes } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { batchGetAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";
import { type PageRequest, queryPage } from "#platform/db/query-page";
import { isOwnEarlierWrite } from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import { type CreateRaffleInput, prizeOutput, type Raffle } from "#raffles/api/schemas";
import { RAFFLE_LIST_PARTITION, raffleKeys } from "./keys";
import { cachedRaffleMeta, type RaffleMeta, rememberRaffleMeta } from "./raffle-cache";
import { newRaffleId } from "./raffle-id";
import { shardCount } from "./shards";
import { DRAW_ALGORITHM, drawCommitment, newOperatorSeed } from "./verifiable-draw";

/** The beacon round a draw used, as recorded with the draw's other inputs. */
const recordedBeaconSchema = z.object({
  network: z.string(),
  chain_hash: z.string().nullable(),
  public_key: z.string(),
  scheme: z.string(),
  genesis_time: z.number().int(),
  period_seconds: z.number().int(),
  round: z.number().int(),
  signature: z.string(),
  randomness: z.string(),
});
export type RecordedBeacon = z.output<typeof recordedBeaconSchema>;

/** The raffle item as stored (see keys.ts). */
export const raffleRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  total_tickets: z.number().int(),
  prizes: z.array(prizeOutput),
  created_at: z.string(),
  shard_count: z.number().int(),
  permutation_key: z.string(),
  status: z.enum(["open", "drawing", "drawn"]),
  algorithm: z.string(),
  operator_seed: z.string(),
  draw_commitment: z.string(),
  register_digest: z.string().optional(),
  sold_out_at: z.string().optional(),
  beacon: recordedBeaconSchema.optional(),
  seed_for_winners: z.string().optional(),
  drawn_at: z.string().optional(),
});
export type RaffleRecord = z.output<typeof raffleRecordSchema>;

/**
 * Creates a raffle: one item whatever the number of tickets (no ticket or shard item yet). Its
 * operator seed is drawn now and only its commitment is ever shown before the draw.
 */
export async function createRaffle(input: CreateRaffleInput): Promise<Raffle> {
  const id = newRaffleId();
  const createdAt = new Date().toISOString();
  const operatorSeed = newOperatorSeed();
  const record: RaffleRecord = {
    id,
    name: input.name,
    total_tickets: input.total_tickets,
    prizes: input.prizes,
    created_at: createdAt,
    shard_count: shardCount(input.total_tickets),
    permutation_key: randomBytes(32).toString("hex"),
    status: "open",
    algorithm: DRAW_ALGORITHM,
    operator_seed: operatorSeed,
    draw_commitment: drawCommitment(operatorSeed),
  };
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...raffleKeys.raffle(id), ...raffleKeys.listing(createdAt, id), ...record },
        ConditionExpression: "attribute_not_exists(pk)",
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
  } catch (error) {
    // The id is new: only our own first try, whose answer was lost, can have written it.
    if (!isOwnEarlierWrite(error, { permutation_key: record.permutation_key })) throw error;
  }
  return toRaffle(record, record.total_tickets);
}

/** The stored raffle (strongly consistent), or undefined. */
async function readRaffleRecord(id: string): Promise<RaffleRecord | undefined> {
  const result = await db.send(
    new GetCommand({ TableName: tableName, Key: raffleKeys.raffle(id), ConsistentRead: true }),
  );
  return result.Item ? raffleRecordSchema.parse(result.Item) : undefined;
}

/** The stored raffle or 404 `raffle_not_found`. */
export async function requireRaffleRecord(id: string): Promise<RaffleRecord> {
  const record = await readRaffleRecord(id);
  if (!record) throw DomainError.notFound("raffle");
  return record;
}

const loading = new Map<string, Promise<RaffleMeta>>();

/**
 * The raffle's immutable metadata, cached per process: steady-state claims read nothing, and
 * concurrent requests of a cold process share one read.
 */
export function raffleMeta(id: string): Promise<RaffleMeta> {
  const cached = cachedRaffleMeta(id);
  if (cached) return Promise.resolve(cached);
  let pending = loading.get(id);
  if (!pending) {
    pending = requireRaffleRecord(id)
      .then(rememberRaffleMeta)
      .finally(() => loading.delete(id));
    loading.set(id, pending);
  }
  return pending;
}

/**
 * Brings the shard hints of these raffles up to date by reading every shard not already known to
 * be full (every shard with `includeFull`; a missing shard item has handed out nothing yet). The
 * items of `alsoRead` come in the same BatchGetItem; every item read is returned.
 */
export async function refreshShards(
  raffles: readonly RaffleMeta[],
  alsoRead: readonly Record<string, string>[] = [],
  { includeFull = false } = {},
): Promise<Record<string, unknown>[]> {
  const wanted = raffles.flatMap((meta) =>
    meta.shards.start
      .map((_, shard) => ({ meta, shard }))
      .filter(({ shard }) => includeFull || !meta.shards.isFull(shard)),
  );
  const items = await batchGetAll([
    ...alsoRead,
    ...wanted.map(({ meta, shard }) => raffleKeys.shard(meta.id, shard)),
  ]);
  const byKey = new Map(items.map((item) => [item.pk as string, item]));
  for (const { meta, shard } of wanted) {
    const item = byKey.get(raffleKeys.shard(meta.id, shard).pk);
    if (item) meta.shards.advance(shard, item.next as number, item.head as string);
  }
  return items;
}

/**
 * The stored raffle and its live count of unclaimed tickets, or 404. A raffle this process
 * already knows (its shard count never changes) is read with its shards in ONE BatchGetItem;
 * otherwise its GetItem comes first, then its shards unless it is drawn.
 */
export async function readRaffleWithRemaining(
  id: string,
): Promise<{ record: RaffleRecord; remaining: number }> {
  const known = cachedRaffleMeta(id);
  if (known) {
    const raffleKey = raffleKeys.raffle(id);
    const items = await refreshShards([known], [raffleKey]);
    const item = items.find((found) => found.pk === raffleKey.pk);
    if (!item) throw DomainError.notFound("raffle");
    return { record: raffleRecordSchema.parse(item), remaining: known.shards.remaining() };
  }
  const record = await requireRaffleRecord(id);
  if (record.status === "drawn") return { record, remaining: 0 };
  const meta = rememberRaffleMeta(record);
  await refreshShards([meta]);
  return { record, remaining: meta.shards.remaining() };
}

/** The API's raffle object: `sold_out` is derived from the shards, never stored. */
function toRaffle(record: RaffleRecord, ticketsRemaining: number): Raffle {
  const drawn = record.status === "drawn";
  return {
    id: record.id,
    name: record.name,
    total_tickets: record.total_tickets,
    tickets_remaining: drawn ? 0 : ticketsRemaining,
    status: drawn ? "drawn" : ticketsRemaining === 0 ? "sold_out" : "open",
    prizes: record.prizes,
    created_at: record.created_at,
    drawn_at: record.drawn_at ?? null,
    draw_commitment: record.draw_commitment,
  };
}

/** Reads raffles' remaining tickets from their shards (a drawn raffle has none: no read). */
async function withRemaining(records: readonly RaffleRecord[]): Promise<Raffle[]> {
  const undrawn = records.filter((record) => record.status !== "drawn").map(rememberRaffleMeta);
  await refreshShards(undrawn);
  const remaining = new Map(undrawn.map((meta) => [meta.id, meta.shards.remaining()]));
  return records.map((record) => toRaffle(record, remaining.get(record.id) ?? 0));
}

/** One raffle with its live `tickets_remaining`, or 404. */
export async function readRaffle(id: string): Promise<Raffle> {
  const { record, remaining } = await readRaffleWithRemaining(id);
  return toRaffle(record, remaining);
}

const LIST_KEYS = ["pk", "sk", "gsi1pk", "gsi1sk"] as const;

/** A page of raffles, newest first, from the gsi1 listing partition (a Query, never a Scan). */
export async function listRaffles(request: PageRequest) {
  const page = await queryPage(
    {
      TableName: tableName,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :partition",
      ExpressionAttributeValues: { ":partition": RAFFLE_LIST_PARTITION },
      ScanIndexForward: false,
    },
    request,
    { names: LIST_KEYS, partition: { name: "gsi1pk", value: RAFFLE_LIST_PARTITION } },
    (item) => raffleRecordSchema.parse(item),
  );
  return { items: await withRemaining(page.items), next_cursor: page.next_cursor };
}
