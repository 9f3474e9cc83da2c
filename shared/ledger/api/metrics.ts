import { defineMetrics } from "#platform/observability/metrics";

/** The ledger domain's business metrics: its routes' answers and its use cases count them. */
export const ledgerMetrics = defineMetrics("ledger", {
  Postings: {
    unit: "Count",
    dimensions: ["type"],
    description: "Transactions posted, by type: counted when committed, never for a replay",
  },
  PostingsRaced: {
    unit: "Count",
    dimensions: [],
    description:
      "Posting attempts lost to another process's posting on the same wallet, and tried again: one process never races itself",
  },
  PostingsRefused: {
    unit: "Count",
    dimensions: ["reason"],
    description: "Postings refused, by the answer's code",
  },
});
