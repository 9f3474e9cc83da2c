import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { getRaffleRoute } from "#raffles/api/routes";
import { readRaffle } from "#raffles/raffle-store";

export const handler = httpHandler(getRaffleRoute, async ({ params }) =>
  ok(await readRaffle(params.id)),
);
