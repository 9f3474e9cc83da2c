import { httpHandler } from "../../shared/http/handler";
import { created } from "../../shared/http/response";
import { createRaffle } from "../../shared/raffles/raffle-store";
import { createRaffleRoute } from "../../shared/raffles/routes";

export const handler = httpHandler(createRaffleRoute, async ({ body }) => {
  const raffle = await createRaffle(body);
  return created(raffle, `/v1/raffles/${raffle.id}`);
});
