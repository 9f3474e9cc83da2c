import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { verifyTicket, verifyTicketRoute } from "#raffles";

export const handler = httpHandler(verifyTicketRoute, async ({ params, body }) =>
  ok(await verifyTicket(params.id, params.ticket_number, body.verification_code)),
);
