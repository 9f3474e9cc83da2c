import { defineRoute } from "#platform/function-definitions";
import { pageQuery } from "#platform/http/page";
import { idempotencyKeyReused, optionalIdempotencyKeyHeaders } from "#platform/idempotency/header";
import { raffleMetrics } from "#raffles/api/metrics";
import { auditSchema } from "#raffles/core/audit-document";
import {
  claimedTicketSchema,
  createRaffleBody,
  rafflePageSchema,
  raffleParams,
  raffleSchema,
  registerPageSchema,
  registerQuery,
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
  auto_draw: false,
  draw_commitment: "9b2f0c4e7a1d3f5b8c6e0a2d4f6b8c0e1a3c5e7f9b1d3f5a7c9e1b3d5f7a9c1e",
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
  access: "manager",
  summary: "Create a raffle of N tickets and its prizes",
  tags,
  headers: optionalIdempotencyKeyHeaders,
  body: createRaffleBody,
  requestExample: {
    headers: { "Idempotency-Key": "5b0e8f4c-2a47-4d8e-9c1f-3e6a7b9d0c21" },
    body: {
      name: "Summer raffle",
      total_tickets: 1000,
      prizes: [
        { name: "Bike", quantity: 1 },
        { name: "Mug", quantity: 10 },
      ],
      auto_draw: true,
    },
  },
  responses: {
    201: {
      description:
        "The new raffle; a replay of an Idempotency-Key's first request says " +
        "`Idempotent-Replayed: true`",
      schema: raffleSchema,
      example: { ...raffleExample, tickets_remaining: 1000, auto_draw: true },
      headers: ["Location", "Idempotent-Replayed"],
    },
  },
  errors: [idempotencyKeyReused],
  answerMetrics: { 201: raffleMetrics.RafflesCreated },
  function: {
    handler: "raffles/create-raffle.ts",
    // The key's record is read first; with a key, the raffle and the record are one transaction.
    tableActions: ["dynamodb:GetItem", "dynamodb:PutItem"],
  },
});

export const listRafflesRoute = defineRoute({
  method: "GET",
  path: "/v1/raffles",
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
  function: {
    handler: "raffles/list-raffles.ts",
    tableActions: ["dynamodb:Query", "dynamodb:BatchGetItem"],
  },
});

export const getRaffleRoute = defineRoute({
  method: "GET",
  path: "/v1/raffles/{id}",
  access: "public",
  summary: "One raffle with its remaining tickets",
  tags,
  params: raffleParams,
  requestExample: { params: { id: raffleId } },
  responses: { 200: { description: "The raffle", schema: raffleSchema, example: raffleExample } },
  errors: [{ status: 404, code: "raffle_not_found", description: "No raffle has this id" }],
  function: {
    handler: "raffles/get-raffle.ts",
    tableActions: ["dynamodb:GetItem", "dynamodb:BatchGetItem"],
  },
});

export const claimTicketRoute = defineRoute({
  method: "POST",
  path: "/v1/raffles/{id}/tickets",
  access: "public",
  // One ticket per address: a page a player visits must not spend it (issue 19, finding 2).
  rightFromAddress: true,
  rateLimit: { name: "claim", perMinute: 60 },
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
  answerMetrics: { 201: raffleMetrics.TicketsClaimed, 409: raffleMetrics.ClaimsRefused },
  function: {
    handler: "raffles/claim-ticket.ts",
    // TransactWriteItems is authorised per item: Updates (the shard, a filling claim's fill
    // counter) and Puts (ticket, lock, the sell-out's event and auto-draw work); the counters of
    // every shard are read in one BatchGetItem once a shard looks full.
    tableActions: [
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:UpdateItem",
      "dynamodb:PutItem",
    ],
    usesHashKey: true,
  },
});

export const drawRaffleRoute = defineRoute({
  method: "POST",
  path: "/v1/raffles/{id}/draw",
  access: "manager",
  summary:
    "Draw the winners of a sold-out raffle, once, with the beacon round its sale fixed; " +
    "a call before that round is out waits for it (at most 15 s)",
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
    {
      status: 503,
      code: "beacon_unavailable",
      description:
        "The beacon round the draw needs cannot be had within 15 s (not out yet, or the beacon " +
        "is out of reach); nothing was recorded; `Retry-After` says when to come back",
    },
  ],
  answerMetrics: { 409: raffleMetrics.DrawsRefused },
  function: {
    handler: "raffles/draw-raffle.ts",
    tableActions: [
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:UpdateItem",
      "dynamodb:BatchWriteItem",
      // The raffle.drawn webhook event, a Put in the transaction that marks the raffle drawn.
      "dynamodb:PutItem",
    ],
    memoryMiB: 512,
    // Up to 15 s waiting for the beacon round, then the draw's writes: within the HTTP API's
    // 29 s integration timeout (the CDK default, its maximum for HTTP APIs).
    timeoutSeconds: 28,
  },
});

export const getWinnersRoute = defineRoute({
  method: "GET",
  path: "/v1/raffles/{id}/winners",
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
  function: {
    handler: "raffles/get-winners.ts",
    tableActions: ["dynamodb:GetItem", "dynamodb:Query"],
  },
});

export const verifyTicketRoute = defineRoute({
  method: "POST",
  path: "/v1/raffles/{id}/tickets/{ticket_number}/verify",
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
  function: {
    handler: "raffles/verify-ticket.ts",
    tableActions: ["dynamodb:BatchGetItem", "dynamodb:GetItem"],
    usesHashKey: true,
  },
});

export const getAuditRoute = defineRoute({
  method: "GET",
  path: "/v1/raffles/{id}/audit",
  access: "public",
  summary:
    "The draw's proof: the commitment and claim chains so far; after the draw, every input " +
    "needed to recompute the winners (npm run verify-draw)",
  tags,
  params: raffleParams,
  requestExample: { params: { id: raffleId } },
  responses: {
    200: {
      description: "The audit",
      schema: auditSchema,
      example: {
        raffle_id: raffleId,
        status: "open",
        algorithm: "tombola-draw-v1",
        total_tickets: 1000,
        prizes: raffleExample.prizes,
        draw_commitment: raffleExample.draw_commitment,
        chains: [
          {
            shard: 0,
            capacity: 16,
            tickets_claimed: 3,
            head: "4e1c9a7b3d5f0e2a6c8b1d3f5a7c9e0b2d4f6a8c1e3b5d7f9a0c2e4b6d8f1a3c",
            last_claimed_at: "2026-11-21T10:05:00.000Z",
          },
        ],
        register_digest: null,
        sold_out_at: null,
        beacon: {
          network: "drand-quicknet",
          chain_hash: "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971",
          public_key: "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c",
          scheme: "bls-unchained-g1-rfc9380",
          genesis_time: 1692803367,
          period_seconds: 3,
          round: null,
          round_time: null,
          signature: null,
          randomness: null,
        },
        operator_seed: null,
        seed_for_winners: null,
        winners: null,
      },
    },
  },
  errors: [{ status: 404, code: "raffle_not_found", description: "No raffle has this id" }],
  function: {
    handler: "raffles/get-audit.ts",
    tableActions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"],
  },
});

export const listAuditTicketsRoute = defineRoute({
  method: "GET",
  path: "/v1/raffles/{id}/audit/tickets",
  access: "public",
  summary:
    "The ticket register: number and code digest of every claimed ticket, in claim order per " +
    "shard, to recompute the chain heads; `ticket_number` finds one ticket's place",
  tags,
  params: raffleParams,
  query: registerQuery,
  requestExample: { params: { id: raffleId }, query: { shard: "0", limit: "20" } },
  responses: {
    200: {
      description: "A page of one shard's tickets",
      schema: registerPageSchema,
      example: {
        items: [
          {
            shard: 0,
            position: 0,
            ticket_number: 348,
            code_digest: "0d5e7a9c1b3f5d7e9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f",
            claimed_at: "2026-11-21T10:01:00.000Z",
          },
        ],
        next_cursor: null,
      },
    },
  },
  errors: [{ status: 404, code: "raffle_not_found", description: "No raffle has this id" }],
  function: {
    handler: "raffles/list-audit-tickets.ts",
    tableActions: ["dynamodb:GetItem", "dynamodb:Query"],
  },
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
