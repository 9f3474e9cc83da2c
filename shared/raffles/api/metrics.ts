import { defineMetrics } from "#platform/observability/metrics";

/** The raffles domain's business metrics: its routes' answers and its use cases count them. */
export const raffleMetrics = defineMetrics("raffles", {
  RafflesCreated: {
    unit: "Count",
    dimensions: [],
    description: "Raffles created",
  },
  TicketsClaimed: {
    unit: "Count",
    dimensions: [],
    description: "Tickets claimed",
  },
  ClaimsRefused: {
    unit: "Count",
    dimensions: ["reason"],
    description: "Claims refused: the raffle sold out, or the player holds a ticket already",
  },
  RafflesDrawn: {
    unit: "Count",
    dimensions: [],
    description: "Raffles drawn: counted once, by the call that records the draw as done",
  },
  DrawsRefused: {
    unit: "Count",
    dimensions: ["reason"],
    description: "Draw calls refused: tickets remain, or drawn already",
  },
});
