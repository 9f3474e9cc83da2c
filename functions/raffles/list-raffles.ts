import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { listRafflesRoute } from "#raffles/api/routes";
import { listRaffles } from "#raffles/raffle-store";

export const handler = httpHandler(listRafflesRoute, async ({ query }) =>
  ok(await listRaffles(query)),
);
