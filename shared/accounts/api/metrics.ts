import { defineMetrics } from "#platform/observability/metrics";

/** The accounts domain's business metrics: its routes' answers and its use cases count them. */
export const accountMetrics = defineMetrics("accounts", {
  AccountsRegistered: {
    unit: "Count",
    dimensions: [],
    description: "Accounts registered",
  },
  LogIns: {
    unit: "Count",
    dimensions: [],
    description: "Log-ins: a bearer token handed out",
  },
  LogInsRefused: {
    unit: "Count",
    dimensions: ["reason"],
    description:
      "Log-ins refused: a wrong email or password, or an email locked out after ten failures in 15 minutes",
  },
});
