import { pageOf } from "../http/page";
import { defineRoute } from "../http/route";
import { outboxStreamFunction } from "../outbox/stream-function";
import { SMS_KIND } from "./keys";
import { notificationParams, notificationsQuery, notificationView } from "./schemas";

const tags = ["notifications"];

export const listNotificationsRoute = defineRoute({
  method: "GET",
  path: "/v1/notifications",
  handler: "notifications/list-notifications.ts",
  access: "manager",
  summary: "Notifications, newest first; `?status=` keeps those of one status",
  tags,
  query: notificationsQuery,
  responses: { 200: { description: "A page of notifications", schema: pageOf(notificationView) } },
  tableActions: ["dynamodb:Query"],
});

export const getNotificationRoute = defineRoute({
  method: "GET",
  path: "/v1/notifications/{notification_id}",
  handler: "notifications/get-notification.ts",
  access: "manager",
  summary: "One notification, with its attempts and the provider's message id",
  tags,
  params: notificationParams,
  responses: { 200: { description: "The notification", schema: notificationView } },
  tableActions: ["dynamodb:GetItem"],
});

export const retryNotificationRoute = defineRoute({
  method: "POST",
  path: "/v1/notifications/{notification_id}/retry",
  handler: "notifications/retry-notification.ts",
  access: "manager",
  summary: "Send a failed notification again (it goes back to pending with fresh attempts)",
  tags,
  params: notificationParams,
  responses: { 202: { description: "The notification, pending again", schema: notificationView } },
  errors: [{ status: 409, code: "not_failed" }],
  tableActions: ["dynamodb:UpdateItem"],
});

export const notificationsRoutes = [
  listNotificationsRoute,
  getNotificationRoute,
  retryNotificationRoute,
];

/** The consumer on the table's stream that sends each pending notification. */
export const sendSmsFunction = outboxStreamFunction({
  kind: SMS_KIND,
  handler: "notifications/send-sms.ts",
  description: "Sends each pending SMS notification once, from the table's stream",
  sendsSms: true,
});
