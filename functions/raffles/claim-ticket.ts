import { httpHandler } from "../../shared/http/handler";
import { created } from "../../shared/http/response";
import { claimTicket } from "../../shared/raffles/claim";
import { claimTicketRoute } from "../../shared/raffles/routes";

export const handler = httpHandler(claimTicketRoute, async ({ params, sourceIp }) =>
  created(await claimTicket(params.id, sourceIp)),
);
