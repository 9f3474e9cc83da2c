import { pageQuery } from "../http/page";
import { defineRoute } from "../http/route";
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
const raffleId = "r_5f0c7a2e9b1d4c3a8e6f0b2d4a6c8e0f";
const raffleExample = {
  id: "r_5f0c7a2e9b1d4c3a8e6f0b2d4a6c8e0f",
  name: "Summer raffle",
  total_tickets: 1000,
  tickets_remaining: 12,
  status: "open",
  prizes: [
    { name: "Bike", quantity: 1 },
    { name: "Mug", quantity: 10 },
  ],
  created_at: "2026-11-21T10:00:00.000Z",
  drawn_at: null,
};
const winnersExample = {
  raffle_id: raffleId,
  winners: [
    { prize: "Mug", ticket_number: 17 },
    { prize: "Bike", ticket_number: 348 },
  ],
};

export const createRaffleRoute = defineRoute({
  method: "POST",
  path: "/v1/raffles",
  handler: "raffles/create-raffle.ts",
  access: "manager",
  summary: "Create a raffle of N tickets and its prizes",
  tags,
  body: createRaffleBody,
  requestExample: {
    body: {
      name: "Summer raffle",
      total_tickets: 1000,
      prizes: [
        { name: "Bike", quantity: 1 },
        { name: "Mug", quantity: 10 },
      ],
    },
  },
  responses: {
    201: {
      description: "The new raffle",
      schema: raffleSchema,
      example: { ...raffleExample, tickets_remaining: 1000 },
      headers: ["Location"],
    },
  },
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
  requestExample: { query: { limit: "20" } },
  responses: {
    200: {
      description: "A page of raffles",
      schema: rafflePageSchema,
      example: { items: [raffleExample], next_cursor: null },
    },
  },
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
  requestExample: { params: { id: raffleId } },
  responses: { 200: { description: "The raffle", schema: raffleSchema, example: raffleExample } },
  errors: [{ status: 404, code: "raffle_not_found", description: "No raffle has this id" }],
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
  requestExample: { params: { id: raffleId } },
  responses: {
    201: {
      description: "The ticket",
      schema: claimedTicketSchema,
      example: {
        raffle_id: raffleId,
        ticket_number: 348,
        verification_code: "7KQ2-M9XD-PA4T-0RVB",
      },
    },
  },
  errors: [
    { status: 404, code: "raffle_not_found", description: "No raffle has this id" },
    {
      status: 409,
      code: "already_participated",
      description: "This player (address, or /64 for IPv6) already holds a ticket",
    },
    { status: 409, code: "sold_out", description: "Every ticket is claimed" },
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
  summary: "Draw the winners of a sold-out raffle, once",
  tags,
  params: raffleParams,
  requestExample: { params: { id: raffleId } },
  responses: {
    200: {
      description: "The winners, by ticket number",
      schema: winnersSchema,
      example: winnersExample,
    },
  },
  errors: [
    { status: 404, code: "raffle_not_found", description: "No raffle has this id" },
    { status: 409, code: "tickets_remaining", description: "Some tickets are still unclaimed" },
    { status: 409, code: "already_drawn", description: "This raffle has been drawn" },
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
  requestExample: { params: { id: raffleId } },
  responses: {
    200: { description: "The winners", schema: winnersSchema, example: winnersExample },
  },
  errors: [
    { status: 404, code: "raffle_not_found", description: "No raffle has this id" },
    { status: 409, code: "not_drawn", description: "The raffle has not been drawn yet" },
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
  requestExample: {
    params: { id: raffleId, ticket_number: "348" },
    body: { verification_code: "7kq2-m9xd-pa4t-0rvb" },
  },
  responses: {
    200: {
      description: "The ticket's outcome",
      schema: verificationSchema,
      example: { ticket_number: 348, status: "won", prize: "Bike" },
    },
  },
  errors: [
    { status: 404, code: "raffle_not_found", description: "No raffle has this id" },
    { status: 404, code: "ticket_not_found", description: "This ticket has not been claimed" },
    {
      status: 403,
      code: "invalid_verification_code",
      description: "The code is not this ticket's",
    },
  ],
  tableActions: ["dynamodb:BatchGetItem", "dynamodb:GetItem"],
  usesHashKey: true,
});

export const raffleRoutes = [
  createRaffleRoute,
  listRafflesRoute,
  getRaffleRoute,
  claimTicketRoute,
  drawRaffleRoute,
  getWinnersRoute,
  verifyTicketRoute,
];
