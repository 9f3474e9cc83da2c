import { sendSmsFunction } from "#notifications";
import type {
  FunctionDefinition,
  ScheduledFunctionDefinition,
  StreamFunctionDefinition,
} from "#platform/function-definitions";
import { outboxSweeperFunction } from "#platform/outbox/sweeper";
import { autoDrawFunction } from "#raffles";
import { deliverWebhooksFunction, fanOutEventsFunction, retryDeliveriesFunction } from "#webhooks";
import { routes } from "./routes";

/** Every function on the table's stream: the CDK stack and the local stream runner use this. */
export const streamFunctions: readonly StreamFunctionDefinition[] = [
  sendSmsFunction,
  fanOutEventsFunction,
  deliverWebhooksFunction,
  autoDrawFunction,
];

/** Every function run on a schedule: the CDK stack gives each its rule, `npm start` a timer. */
export const scheduledFunctions: readonly ScheduledFunctionDefinition[] = [
  outboxSweeperFunction,
  retryDeliveriesFunction,
];

/** Every function of the service, each once: routes, stream and scheduled functions. */
export const allFunctions: readonly FunctionDefinition[] = [
  ...routes,
  ...streamFunctions,
  ...scheduledFunctions,
];
