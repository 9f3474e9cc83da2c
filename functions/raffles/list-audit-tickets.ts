import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { listAuditTicketsRoute } from "#raffles/api/routes";
import { listRegister } from "#raffles/register-export";

export const handler = httpHandler(listAuditTicketsRoute, async ({ params, query }) =>
  ok(await listRegister(params.id, query)),
);
