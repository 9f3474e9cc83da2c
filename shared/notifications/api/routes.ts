import { notificationMetrics } from "#notifications/api/metrics";
import { notificationId } from "#notifications/core/notification";
import { defineRoute } from "#platform/function-definitions";
import { pageOf } from "#platform/http/page";
import { notificationParams, notificationsQuery, notificationView } from "./schemas";

const tags = ["notifications"];

const accountId = "a_3q2-7wEjRbmEYBRcXxjZ9w";
const transactionId = "tx_1796029200000_000000000007";
const notificationExample = {
  id: notificationId(accountId, transactionId),
  channel: "sms",
  status: "failed",
  detail: "provider_error",
  provider_message: "ThrottlingException: Rate exceeded",
  account_id: accountId,
  transaction_id: transactionId,
  to: "+41*********00",
  text: "Hi Ada, your account was credited with USD 12.50. Balance: USD 112.50.",
  attempts: 5,
  provider_message_id: null,
  created_at: "2026-11-30T09:00:01.000Z",
  updated_at: "2026-11-30T09:02:11.000Z",
  sent_at: null,
};
const byId = { params: { notification_id: notificationExample.id } };

export const listNotificationsRoute = defineRoute({
  method: "GET",
  path: "/v1/notifications",
  access: "manager",
  summary: "Notifications, newest first; `?status=` keeps those of one status",
  tags,
  query: notificationsQuery,
  requestExample: { query: { status: "failed", limit: "20" } },
  responses: {
    200: {
      description: "A page of notifications",
      schema: pageOf(notificationView),
      example: { items: [notificationExample], next_cursor: null },
    },
  },
  function: {
    handler: "notifications/list-notifications.ts",
    tableActions: ["dynamodb:Query"],
  },
});

export const getNotificationRoute = defineRoute({
  method: "GET",
  path: "/v1/notifications/{notification_id}",
  access: "manager",
  summary: "One notification, with its attempts and the provider's message id",
  tags,
  params: notificationParams,
  requestExample: byId,
  responses: {
    200: {
      description: "The notification",
      schema: notificationView,
      example: notificationExample,
    },
  },
  function: {
    handler: "notifications/get-notification.ts",
    tableActions: ["dynamodb:GetItem"],
  },
});

export const retryNotificationRoute = defineRoute({
  method: "POST",
  path: "/v1/notifications/{notification_id}/retry",
  access: "manager",
  summary: "Send a failed notification again (it goes back to pending with fresh attempts)",
  tags,
  params: notificationParams,
  requestExample: byId,
  responses: {
    202: {
      description: "The notification, pending again",
      schema: notificationView,
      example: {
        ...notificationExample,
        status: "pending",
        detail: null,
        provider_message: null,
        attempts: 0,
      },
    },
  },
  errors: [
    { status: 409, code: "not_failed", description: "Only a failed notification is sent again" },
  ],
  answerMetrics: { 202: notificationMetrics.NotificationsRequeued },
  function: {
    handler: "notifications/retry-notification.ts",
    tableActions: ["dynamodb:UpdateItem"],
  },
});

export const notificationsRoutes = [
  listNotificationsRoute,
  getNotificationRoute,
  retryNotificationRoute,
];
