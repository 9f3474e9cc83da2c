import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { getWinnersRoute } from "../../shared/raffles/routes";
import { readWinners } from "../../shared/raffles/winners";

export const handler = httpHandler(getWinnersRoute, async ({ params }) =>
  ok({ raffle_id: params.id, winners: await readWinners(params.id) }),
);
