import { checkBeaconConfiguration } from "../../shared/beacon/configured-beacon";
import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { drawRaffle } from "../../shared/raffles/draw-raffle";
import { drawRaffleRoute } from "../../shared/raffles/routes";

// At init: a function whose BEACON could never draw fails its cold start, not its first request.
checkBeaconConfiguration();

export const handler = httpHandler(drawRaffleRoute, async ({ params }) =>
  ok({ raffle_id: params.id, winners: await drawRaffle(params.id) }),
);
