import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { created } from "#platform/http/response";
import { createRaffle, createRaffleRoute } from "#raffles";

export const handler = httpHandler(
  createRaffleRoute,
  async ({ body }) => {
    const raffle = await createRaffle(body);
    return created(raffle, `/v1/raffles/${raffle.id}`);
  },
  { checkManagerKey: checkOperatorKey },
);
