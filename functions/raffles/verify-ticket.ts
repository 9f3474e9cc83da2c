import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { verifyTicketRoute } from "../../shared/raffles/routes";
import { verifyTicket } from "../../shared/raffles/winners";

export const handler = httpHandler(verifyTicketRoute, async ({ params, body }) =>
  ok(await verifyTicket(params.id, params.ticket_number, body.verification_code)),
);
