import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { getRaffleRoute, readRaffle } from "#raffles";

export const handler = httpHandler(getRaffleRoute, async ({ params }) =>
  ok(await readRaffle(params.id)),
);
