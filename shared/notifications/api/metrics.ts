import { defineMetrics } from "#platform/observability/metrics";

/** The notifications domain's business metrics: its routes' answers and its use cases count them. */
export const notificationMetrics = defineMetrics("notifications", {
  NotificationsSent: {
    unit: "Count",
    dimensions: [],
    description: "SMS handed to the provider and recorded `sent`",
  },
  NotificationAttemptsFailed: {
    unit: "Count",
    dimensions: [],
    description: "SMS attempts that failed and will be tried again",
  },
  NotificationsFailed: {
    unit: "Count",
    dimensions: [],
    description:
      "SMS given up (`failed`): the last attempt failed, or the error is not worth retrying",
  },
  NotificationsRequeued: {
    unit: "Count",
    dimensions: [],
    description: "Failed SMS put back to pending by a manager",
  },
});
