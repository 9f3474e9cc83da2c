import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { verifyTicketRoute } from "#raffles/api/routes";
import { verifyTicket } from "#raffles/winners";

export const handler = httpHandler(verifyTicketRoute, async ({ params, body }) =>
  ok(await verifyTicket(params.id, params.ticket_number, body.verification_code)),
);
