import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { listAuditTicketsRoute, listRegister } from "#raffles";

export const handler = httpHandler(listAuditTicketsRoute, async ({ params, query }) =>
  ok(await listRegister(params.id, query)),
);
