import { Logger } from "@aws-lambda-powertools/logger";
import { SERVICE_NAME } from "./service-names";

/** The process-wide structured JSON logger; each request appends its request id. */
export const logger = new Logger({ serviceName: SERVICE_NAME });
