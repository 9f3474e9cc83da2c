import { callerIdentity } from "#platform/http/client-ip";
import { httpHandler } from "#platform/http/handler";
import { created } from "#platform/http/response";
import { claimTicket, claimTicketRoute } from "#raffles";

// One ticket per player: the player is the caller's identity (an IPv4 address, an IPv6 /64).
export const handler = httpHandler(claimTicketRoute, async ({ params, sourceIp }) =>
  created(await claimTicket(params.id, callerIdentity(sourceIp))),
);
