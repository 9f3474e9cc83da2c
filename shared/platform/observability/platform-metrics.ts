import { defineMetrics } from "./metrics";

/** What every function counts, whatever its domain. */
export const platformMetrics = defineMetrics("platform", {
  ColdStart: {
    unit: "Count",
    dimensions: ["function"],
    description: "The first invocation of a function in a new execution environment",
  },
  StoreRetries: {
    unit: "Count",
    dimensions: ["function"],
    description:
      "DynamoDB requests sent again: the SDK's retries (throttling, timeouts, server errors), ours of transaction conflicts, and batches re-sent with the items DynamoDB left unprocessed",
  },
  ServiceUnavailable: {
    unit: "Count",
    dimensions: ["function"],
    description:
      "503 answers: the store (or a draw's beacon) stayed unavailable after every retry; nothing changed",
  },
  InternalErrors: {
    unit: "Count",
    dimensions: ["function"],
    description: "500 answers: a fault in our code, logged with its cause and request id",
  },
  StreamRecordsRetried: {
    unit: "Count",
    dimensions: ["function"],
    description:
      "Stream records a stream function handed back for redelivery (a failed attempt, or the store failing it)",
  },
});
