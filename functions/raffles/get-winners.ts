import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { getWinnersRoute, readWinners } from "#raffles";

export const handler = httpHandler(getWinnersRoute, async ({ params }) =>
  ok({ raffle_id: params.id, winners: await readWinners(params.id) }),
);
