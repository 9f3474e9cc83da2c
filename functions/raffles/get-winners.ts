import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { getWinnersRoute } from "#raffles/api/routes";
import { readWinners } from "#raffles/winners";

export const handler = httpHandler(getWinnersRoute, async ({ params }) =>
  ok({ raffle_id: params.id, winners: await readWinners(params.id) }),
);
