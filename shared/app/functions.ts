import { couponListingsFunction } from "#coupons";
import { notificationFailedWrites, SMS_KIND, sendSmsFunction } from "#notifications";
import type {
  FunctionDefinition,
  ScheduledFunctionDefinition,
  StreamFunctionDefinition,
} from "#platform/function-definitions";
import type { FailedWrites } from "#platform/outbox/consumer";
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
  couponListingsFunction,
];

/**
 * What each kind of outbox work writes when the stale sweeper gives it up (as its consumer does
 * after the last attempt): an SMS's `notification.failed` event.
 */
export const outboxFailedWrites: Readonly<Record<string, FailedWrites>> = {
  [SMS_KIND]: notificationFailedWrites,
};

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
