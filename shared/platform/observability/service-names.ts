/** The CloudWatch namespace of every metric we publish: the emitters, the alarms and the dashboard. */
export const METRICS_NAMESPACE = "Tombola";

/**
 * The service's name: every log line's `service`, and every metric's `service` dimension. A
 * deployed stage names itself (`tombola-dev`, set by the stack as POWERTOOLS_SERVICE_NAME) so
 * two stages in one account never add up in one another's alarms.
 */
export const SERVICE_NAME = process.env.POWERTOOLS_SERVICE_NAME || "tombola";

/** A function's name in metrics: its entry file without `.ts` (`raffles/claim-ticket`). */
export const functionMetricName = (handler: string) => handler.replace(/\.ts$/, "");

/** A name from an entry file: `raffles/claim-ticket.ts` → `rafflesClaimTicket` (operation ids, CDK ids). */
export const handlerName = (handler: string) =>
  handler.replace(/\.ts$/, "").replace(/[/-](\w)/g, (_, letter: string) => letter.toUpperCase());
