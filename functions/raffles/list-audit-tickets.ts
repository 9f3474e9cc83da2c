import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { listRegister } from "../../shared/raffles/register-export";
import { listAuditTicketsRoute } from "../../shared/raffles/routes";

export const handler = httpHandler(listAuditTicketsRoute, async ({ params, query }) =>
  ok(await listRegister(params.id, query)),
);
