import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { readRaffle } from "../../shared/raffles/raffle-store";
import { getRaffleRoute } from "../../shared/raffles/routes";

export const handler = httpHandler(getRaffleRoute, async ({ params }) =>
  ok(await readRaffle(params.id)),
);
