import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { drawRaffle } from "../../shared/raffles/draw-raffle";
import { drawRaffleRoute } from "../../shared/raffles/routes";

export const handler = httpHandler(drawRaffleRoute, async ({ params }) =>
  ok({ raffle_id: params.id, winners: await drawRaffle(params.id) }),
);
