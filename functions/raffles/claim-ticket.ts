import { httpHandler } from "#platform/http/handler";
import { created } from "#platform/http/response";
import { claimTicketRoute } from "#raffles/api/routes";
import { claimTicket } from "#raffles/claim";

export const handler = httpHandler(claimTicketRoute, async ({ params, sourceIp }) =>
  created(await claimTicket(params.id, sourceIp)),
);
