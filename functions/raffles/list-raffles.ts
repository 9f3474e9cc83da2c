import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { listRaffles } from "../../shared/raffles/raffle-store";
import { listRafflesRoute } from "../../shared/raffles/routes";

export const handler = httpHandler(listRafflesRoute, async ({ query }) =>
  ok(await listRaffles(query)),
);
