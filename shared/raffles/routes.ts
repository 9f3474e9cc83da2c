import { pageQuery } from "../http/page";
import { defineRoute } from "../http/route";
import { auditSchema, registerPageSchema, registerQuery } from "./audit-schemas";
import {
  claimedTicketSchema,
  createRaffleBody,
  rafflePageSchema,
  raffleParams,
  raffleSchema,
  ticketParams,
  verificationSchema,
  verifyTicketBody,
  winnersSchema,
} from "./schemas";

const tags = ["raffles"];

export const createRaffleRoute = defineRoute({
  method: "POST",
  path: "/v1/raffles",
  handler: "raffles/create-raffle.ts",
  access: "manager",
  summary: "Create a raffle of N tickets and its prizes",
  tags,
  body: createRaffleBody,
  responses: { 201: { description: "The new raffle", schema: raffleSchema } },
  tableActions: ["dynamodb:PutItem"],
});

export const listRafflesRoute = defineRoute({
  method: "GET",
  path: "/v1/raffles",
  handler: "raffles/list-raffles.ts",
  access: "public",
  summary: "List raffles, newest first",
  tags,
  query: pageQuery,
  responses: { 200: { description: "A page of raffles", schema: rafflePageSchema } },
  tableActions: ["dynamodb:Query", "dynamodb:BatchGetItem"],
});

export const getRaffleRoute = defineRoute({
  method: "GET",
  path: "/v1/raffles/{id}",
  handler: "raffles/get-raffle.ts",
  access: "public",
  summary: "One raffle with its remaining tickets",
  tags,
  params: raffleParams,
  responses: { 200: { description: "The raffle", schema: raffleSchema } },
  errors: [{ status: 404, code: "raffle_not_found" }],
  tableActions: ["dynamodb:GetItem", "dynamodb:BatchGetItem"],
});

export const claimTicketRoute = defineRoute({
  method: "POST",
  path: "/v1/raffles/{id}/tickets",
  handler: "raffles/claim-ticket.ts",
  access: "public",
  summary: "Claim this player's one ticket; its verification code is shown only here",
  tags,
  params: raffleParams,
  responses: { 201: { description: "The ticket", schema: claimedTicketSchema } },
  errors: [
    { status: 404, code: "raffle_not_found" },
    { status: 409, code: "already_participated" },
    { status: 409, code: "sold_out" },
  ],
  // TransactWriteItems is authorised per item: an Update and two Puts.
  tableActions: ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:PutItem"],
  usesHashKey: true,
});

export const drawRaffleRoute = defineRoute({
  method: "POST",
  path: "/v1/raffles/{id}/draw",
  handler: "raffles/draw-raffle.ts",
  access: "manager",
  summary:
    "Draw the winners of a sold-out raffle, once, with the beacon round its sale fixed; " +
    "409 beacon_pending (with Retry-After) until that round is published",
  tags,
  params: raffleParams,
  responses: { 200: { description: "The winners, by ticket number", schema: winnersSchema } },
  errors: [
    { status: 404, code: "raffle_not_found" },
    { status: 409, code: "tickets_remaining" },
    { status: 409, code: "already_drawn" },
    { status: 409, code: "beacon_pending" },
  ],
  tableActions: [
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:UpdateItem",
    "dynamodb:BatchWriteItem",
  ],
  memoryMiB: 512,
});

export const getWinnersRoute = defineRoute({
  method: "GET",
  path: "/v1/raffles/{id}/winners",
  handler: "raffles/get-winners.ts",
  access: "public",
  summary: "The winning tickets of a drawn raffle, by ticket number",
  tags,
  params: raffleParams,
  responses: { 200: { description: "The winners", schema: winnersSchema } },
  errors: [
    { status: 404, code: "raffle_not_found" },
    { status: 409, code: "not_drawn" },
  ],
  tableActions: ["dynamodb:GetItem", "dynamodb:Query"],
});

export const verifyTicketRoute = defineRoute({
  method: "POST",
  path: "/v1/raffles/{id}/tickets/{ticket_number}/verify",
  handler: "raffles/verify-ticket.ts",
  access: "public",
  summary: "Whether a ticket won, given its verification code",
  tags,
  params: ticketParams,
  body: verifyTicketBody,
  responses: { 200: { description: "The ticket's outcome", schema: verificationSchema } },
  errors: [
    { status: 404, code: "raffle_not_found" },
    { status: 404, code: "ticket_not_found" },
    { status: 403, code: "invalid_verification_code" },
  ],
  tableActions: ["dynamodb:BatchGetItem", "dynamodb:GetItem"],
  usesHashKey: true,
});

export const getAuditRoute = defineRoute({
  method: "GET",
  path: "/v1/raffles/{id}/audit",
  handler: "raffles/get-audit.ts",
  access: "public",
  summary:
    "The draw's proof: the commitment and claim chains so far; after the draw, every input " +
    "needed to recompute the winners (npm run verify-draw)",
  tags,
  params: raffleParams,
  responses: { 200: { description: "The audit", schema: auditSchema } },
  errors: [{ status: 404, code: "raffle_not_found" }],
  tableActions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"],
});

export const listAuditTicketsRoute = defineRoute({
  method: "GET",
  path: "/v1/raffles/{id}/audit/tickets",
  handler: "raffles/list-audit-tickets.ts",
  access: "public",
  summary:
    "The ticket register: number and code digest of every claimed ticket, in claim order per " +
    "shard, to recompute the chain heads; `ticket_number` finds one ticket's place",
  tags,
  params: raffleParams,
  query: registerQuery,
  responses: { 200: { description: "A page of one shard's tickets", schema: registerPageSchema } },
  errors: [{ status: 404, code: "raffle_not_found" }],
  tableActions: ["dynamodb:GetItem", "dynamodb:Query"],
});

export const raffleRoutes = [
  createRaffleRoute,
  listRafflesRoute,
  getRaffleRoute,
  claimTicketRoute,
  drawRaffleRoute,
  getWinnersRoute,
  verifyTicketRoute,
  getAuditRoute,
  listAuditTicketsRoute,
];
