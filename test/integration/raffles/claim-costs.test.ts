import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { db, requestCounter, tableName } from "#platform/db/client";
import { raffleKeys } from "#raffles/store/keys";
import { cachedRaffleMeta, forgetRaffleMeta } from "#raffles/store/raffle-meta-cache";
import {
  claimInOrder,
  createTestRaffle,
  expectProblem,
  playerIp,
  raffleApi,
} from "../../support/raffle-api";
import { spearman } from "../../support/spearman";

type Key = { pk: string | { S: string } };
type TransactInput = { TransactItems: Record<string, { Key?: Key; Item?: Key }>[] };
const pkOf = (key: Key | undefined) => (typeof key?.pk === "object" ? key.pk.S : key?.pk);

/** Records the input of every TransactWriteItems this process sends. */
function captureTransactions() {
  const seen: TransactInput[] = [];
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "TransactWriteItemsCommand")
        seen.push(args.input as TransactInput);
      return next(args);
    },
    { step: "initialize", name: "captureTransactions" },
  );
  return seen;
}

function injectFailure(commandName: string, skip = 0) {
  let calls = 0;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === commandName && calls++ >= skip) throw new Error("injected fault");
      return next(args);
    },
    { step: "finalizeRequest", name: "injectFailure", priority: "low" },
  );
}

afterEach(() => {
  db.middlewareStack.remove("captureTransactions");
  db.middlewareStack.remove("injectFailure");
});

const shardItem = async (id: string, shard: number) =>
  (await db.send(new GetCommand({ TableName: tableName, Key: raffleKeys.shard(id, shard) }))).Item;

describe("what a claim costs", () => {
  it("a warm claim is ONE request writing three items, none of them the raffle's own", async () => {
    const id = await createTestRaffle(50);
    // Creation runs in a Lambda of its own: this process learns the raffle from a first read.
    await raffleApi.get(id);
    const seen = captureTransactions();
    requestCounter.reset();
    const response = await raffleApi.claim(id, playerIp(1));
    expect(response.status).toBe(201);
    expect(requestCounter.byCommand).toEqual({ TransactWriteItemsCommand: 1 });
    expect(seen).toHaveLength(1);
    const keys = seen[0]?.TransactItems.map((item) => {
      const operation = Object.values(item)[0];
      return pkOf(operation?.Key) ?? pkOf(operation?.Item);
    });
    expect(keys).toHaveLength(3);
    expect(keys).not.toContain(raffleKeys.raffle(id).pk);
    expect(new Set(keys).size).toBe(3);
    // The register's chain rides on the shard item the claim writes anyway.
    const shardUpdate = seen[0]?.TransactItems[0]?.Update as unknown as {
      UpdateExpression: string;
    };
    expect(shardUpdate.UpdateExpression).toContain("head = :head");
  });

  it("a cold process reads the raffle once, then claims with one transaction", async () => {
    const id = await createTestRaffle(50);
    forgetRaffleMeta(id);
    requestCounter.reset();
    expect((await raffleApi.claim(id, playerIp(1))).status).toBe(201);
    expect(requestCounter.byCommand).toEqual({ GetItemCommand: 1, TransactWriteItemsCommand: 1 });
    requestCounter.reset();
    expect((await raffleApi.claim(id, playerIp(2))).status).toBe(201);
    expect(requestCounter.total).toBe(1);
  });

  it("a stale counter costs one failed attempt that returns the current value: no extra read", async () => {
    const id = await createTestRaffle(16);
    await claimInOrder(id, 5);
    forgetRaffleMeta(id); // another process's view: its hint says the shard is still at 0
    requestCounter.reset();
    const response = await raffleApi.claim(id, playerIp(100));
    expect(response.status).toBe(201);
    expect(requestCounter.byCommand).toEqual({ GetItemCommand: 1, TransactWriteItemsCommand: 2 });
    expect((await shardItem(id, 0))?.next).toBe(6);
  });

  it("32 concurrent claims average at most 2.2 requests per success, none lost", async () => {
    const id = await createTestRaffle(200);
    requestCounter.reset();
    const responses = await Promise.all(
      Array.from({ length: 32 }, (_, i) => raffleApi.claim(id, playerIp(1000 + i))),
    );
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(new Set(responses.map((r) => r.body.ticket_number)).size).toBe(32);
    expect(requestCounter.total / 32).toBeLessThanOrEqual(2.2);
    expect((await raffleApi.get(id)).body.tickets_remaining).toBe(168);
  });

  it("a cold process learns a raffle is sold out with one failed attempt and one read", async () => {
    const id = await createTestRaffle(64);
    await claimInOrder(id, 64, 300);
    forgetRaffleMeta(id);
    requestCounter.reset();
    expectProblem(await raffleApi.claim(id, playerIp(78)), 409, "sold_out");
    expect(requestCounter.byCommand).toEqual({
      GetItemCommand: 1,
      TransactWriteItemsCommand: 1,
      BatchGetItemCommand: 1,
    });
  });

  it("once this process knows a raffle is sold out, a claim costs one read: the player's lock", async () => {
    const id = await createTestRaffle(16);
    await claimInOrder(id, 16);
    requestCounter.reset();
    expectProblem(await raffleApi.claim(id, playerIp(77)), 409, "sold_out");
    expect(requestCounter.byCommand).toEqual({ GetItemCommand: 1 });
    requestCounter.reset();
    expectProblem(await raffleApi.claim(id, playerIp(3)), 409, "already_participated");
    expect(requestCounter.byCommand).toEqual({ GetItemCommand: 1 });
  });

  it("a holder claiming again after the sale ended is told already_participated, from a cold process too", async () => {
    const id = await createTestRaffle(16);
    await claimInOrder(id, 16);
    forgetRaffleMeta(id);
    requestCounter.reset();
    // The stale hint sends a doomed attempt: its lock condition fails as well, and says so.
    expectProblem(await raffleApi.claim(id, playerIp(5)), 409, "already_participated");
    expect(requestCounter.byCommand).toEqual({ GetItemCommand: 1, TransactWriteItemsCommand: 1 });
    requestCounter.reset();
    expectProblem(await raffleApi.claim(id, playerIp(99)), 409, "sold_out");
    expect(requestCounter.byCommand).toEqual({
      TransactWriteItemsCommand: 1,
      BatchGetItemCommand: 1,
    });
  });
});

describe("what reading a raffle costs", () => {
  it("a raffle this process knows comes with its shards in ONE request; a new one takes a GetItem first", async () => {
    const id = await createTestRaffle(50);
    await claimInOrder(id, 2);
    forgetRaffleMeta(id);
    requestCounter.reset();
    expect((await raffleApi.get(id)).body.tickets_remaining).toBe(48);
    expect(requestCounter.byCommand).toEqual({ GetItemCommand: 1, BatchGetItemCommand: 1 });
    requestCounter.reset();
    expect((await raffleApi.get(id)).body.tickets_remaining).toBe(48);
    expect(requestCounter.byCommand).toEqual({ BatchGetItemCommand: 1 });
    requestCounter.reset();
    expectProblem(await raffleApi.draw(id), 409, "tickets_remaining");
    expect(requestCounter.byCommand).toEqual({ BatchGetItemCommand: 1 });
  });
});

describe("a failed claim changes nothing", () => {
  it("when its transaction fails, no ticket, lock or counter moves, and the player may retry", async () => {
    const id = await createTestRaffle(16);
    await claimInOrder(id, 2);
    const before = await shardItem(id, 0);
    injectFailure("TransactWriteItemsCommand");
    expectProblem(await raffleApi.claim(id, playerIp(50)), 500, "internal_error");
    db.middlewareStack.remove("injectFailure");
    expect(await shardItem(id, 0)).toEqual(before);
    expect((await raffleApi.get(id)).body.tickets_remaining).toBe(14);
    const retried = await raffleApi.claim(id, playerIp(50));
    expect(retried.status).toBe(201);
    expect((await raffleApi.get(id)).body.tickets_remaining).toBe(13);
  });

  it("when DynamoDB cancels it (its ticket already exists), the counter and the lock stay as they were", async () => {
    const id = await createTestRaffle(16);
    await claimInOrder(id, 3);
    const meta = cachedRaffleMeta(id);
    const slot = meta?.shards.next[0] as number;
    const ticket = (meta?.permutation.apply(slot) as number) + 1;
    const squatter = { ...raffleKeys.ticket(id, ticket), note: "corrupt" };
    await db.send(new PutCommand({ TableName: tableName, Item: squatter }));
    expectProblem(await raffleApi.claim(id, playerIp(60)), 500, "internal_error");
    expect((await shardItem(id, 0))?.next).toBe(3);
    await db.send(new DeleteCommand({ TableName: tableName, Key: raffleKeys.ticket(id, ticket) }));
    const retried = await raffleApi.claim(id, playerIp(60));
    expect(retried.status).toBe(201);
    expect(retried.body.ticket_number).toBe(ticket);
  });
});

describe("the order tickets are handed out in", () => {
  it("is not monotonic and not correlated with claim order (Spearman, 520 claims)", async () => {
    const id = await createTestRaffle(600);
    const tickets: number[] = [];
    for (let i = 0; i < 520; i += 8) {
      const batch = Array.from({ length: Math.min(8, 520 - i) }, (_, j) => i + j);
      for (const response of await Promise.all(
        batch.map((p) => raffleApi.claim(id, playerIp(p))),
      )) {
        expect(response.status).toBe(201);
        tickets.push(response.body.ticket_number);
      }
    }
    expect(new Set(tickets).size).toBe(520);
    const rho = spearman(
      tickets.map((_, i) => i),
      tickets,
    );
    expect(Math.abs(rho)).toBeLessThan(0.2);
    const ascents = tickets.slice(1).filter((t, i) => t > (tickets[i] as number)).length;
    expect(ascents).toBeGreaterThan(519 * 0.35);
    expect(ascents).toBeLessThan(519 * 0.65);
  }, 180_000); // 65 rounds of 8 claims: minutes on a loaded CI machine
});
