// A separate process claiming tickets, as another Lambda instance would: its own raffle cache,
// its own view of the shard counters. Usage: claim-worker.ts <raffle id> <first player> <count>
import { db } from "#platform/db/client";
import { playerIp, raffleApi } from "./raffle-calls";
import { untilAvailable } from "./until-available";

const [id = "", first = "0", count = "0"] = process.argv.slice(2);
// Reads of the raffle's own item (not of player locks, which a sold-out answer reads).
let raffleReads = 0;
db.middlewareStack.add(
  (next, context) => async (args) => {
    const input = args.input as { Key?: { sk?: string } };
    if (context.commandName === "GetItemCommand" && input.Key?.sk === "RAFFLE") raffleReads++;
    return next(args);
  },
  { step: "initialize", name: "countRaffleReads" },
);
const responses = await Promise.all(
  // Each client retries a 503 after its Retry-After, as a real one does: a loaded machine may
  // make the service shed load, which must change how long this takes, never what it counts.
  Array.from({ length: Number(count) }, (_, i) =>
    untilAvailable(() => raffleApi.claim(id, playerIp(Number(first) + i))),
  ),
);
process.stdout.write(
  `\n${JSON.stringify({
    outcomes: responses.map((r) => ({
      status: r.status,
      code: r.body.code,
      ticket: r.body.ticket_number,
      unavailable: r.unavailable,
    })),
    reads: raffleReads,
  })}\n`,
);
