import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { checkBeaconConfiguration, drawRaffle, drawRaffleRoute } from "#raffles";

// At init: a function whose BEACON could never draw fails its cold start, not its first request.
checkBeaconConfiguration();

export const handler = httpHandler(
  drawRaffleRoute,
  async ({ params }) => ok({ raffle_id: params.id, winners: await drawRaffle(params.id) }),
  { checkManagerKey: checkOperatorKey },
);
