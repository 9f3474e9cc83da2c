import { Logger } from "@aws-lambda-powertools/logger";

/** The process-wide structured JSON logger; each request appends its request id. */
export const logger = new Logger({ serviceName: "tombola" });
