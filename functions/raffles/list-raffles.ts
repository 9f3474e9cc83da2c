import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { listRaffles, listRafflesRoute } from "#raffles";

export const handler = httpHandler(listRafflesRoute, async ({ query }) =>
  ok(await listRaffles(query)),
);
