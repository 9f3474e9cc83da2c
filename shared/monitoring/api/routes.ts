import { pageOf, pageQuery } from "#platform/http/page";
import { defineRoute, type RouteDefinition } from "#platform/http/route";
import {
  alertParams,
  alertsQuery,
  alertView,
  createdEventView,
  eventBody,
  eventParams,
  eventView,
  legacyEventBody,
  legacyEventResult,
  riskBody,
  riskView,
  userParams,
} from "./schemas";

const tags = ["monitoring"];
const eventExample = {
  event_id: "ev_42_000000000007",
  user_id: 42,
  alert: true,
  alert_codes: [30, 1100],
  alert_id: "al_42_000000000007",
};
const alertExample = {
  alert_id: "al_42_000000000007",
  event_id: "ev_42_000000000007",
  user_id: 42,
  alert_codes: [30, 1100],
  time: 70,
  created_at: "2026-11-21T10:00:00.000Z",
};
const storedEventExample = {
  ...eventExample,
  type: "withdraw",
  amount: "150.00",
  time: 70,
  risk_level: "medium",
  created_at: "2026-11-21T10:00:00.000Z",
};
/** What the two routes that record an event share. */
const recordEventRoute = {
  method: "POST",
  access: "public",
  tags,
  errors: [
    {
      status: 409,
      code: "out_of_order",
      description: "`time` is lower than this user's latest event; nothing is stored",
    },
  ],
  // An event reads the user's state and writes state, event and alert in one transaction of Puts.
  tableActions: ["dynamodb:GetItem", "dynamodb:PutItem"],
} satisfies Partial<RouteDefinition>;

export const postLegacyEventRoute = defineRoute({
  ...recordEventRoute,
  path: "/event",
  handler: "monitoring/post-legacy-event.ts",
  summary: "Record a deposit or withdrawal and judge it (original API; unknown fields ignored)",
  body: legacyEventBody,
  requestExample: { body: { type: "WITHDRAW", amount: "150.00", user_id: 42, time: 70 } },
  answerMetrics: { 200: "EventsRecorded", 409: "EventsRefused" },
  responses: {
    200: {
      description: "The event's alert codes",
      schema: legacyEventResult,
      example: { alert: true, alert_codes: [30, 1100], user_id: 42 },
    },
  },
});

export const createEventRoute = defineRoute({
  ...recordEventRoute,
  path: "/v1/events",
  handler: "monitoring/create-event.ts",
  summary: "Record a deposit or withdrawal and judge it",
  body: eventBody,
  requestExample: { body: { type: "withdraw", amount: "150.00", user_id: 42, time: 70 } },
  answerMetrics: { 201: "EventsRecorded", 409: "EventsRefused" },
  responses: {
    201: {
      description: "The stored event and its alert",
      schema: createdEventView,
      example: eventExample,
      headers: ["Location"],
    },
  },
});

export const getEventRoute = defineRoute({
  method: "GET",
  path: "/v1/events/{event_id}",
  handler: "monitoring/get-event.ts",
  access: "public",
  summary: "One event with its alert codes",
  tags,
  params: eventParams,
  requestExample: { params: { event_id: eventExample.event_id } },
  responses: { 200: { description: "The event", schema: eventView, example: storedEventExample } },
  tableActions: ["dynamodb:GetItem"],
});

export const listUserEventsRoute = defineRoute({
  method: "GET",
  path: "/v1/users/{user_id}/events",
  handler: "monitoring/list-user-events.ts",
  access: "public",
  summary: "A user's events, oldest first",
  tags,
  params: userParams,
  query: pageQuery,
  requestExample: { params: { user_id: "42" }, query: { limit: "20" } },
  responses: {
    200: {
      description: "A page of events",
      schema: pageOf(eventView),
      example: { items: [storedEventExample], next_cursor: null },
    },
  },
  tableActions: ["dynamodb:Query"],
});

export const listAlertsRoute = defineRoute({
  method: "GET",
  path: "/v1/alerts",
  handler: "monitoring/list-alerts.ts",
  access: "public",
  summary: "Alerts, newest first; `?user_id=` keeps one user's",
  tags,
  query: alertsQuery,
  requestExample: { query: { user_id: "42", limit: "20" } },
  responses: {
    200: {
      description: "A page of alerts",
      schema: pageOf(alertView),
      example: { items: [alertExample], next_cursor: null },
    },
  },
  tableActions: ["dynamodb:Query"],
});

export const getAlertRoute = defineRoute({
  method: "GET",
  path: "/v1/alerts/{alert_id}",
  handler: "monitoring/get-alert.ts",
  access: "public",
  summary: "One alert",
  tags,
  params: alertParams,
  requestExample: { params: { alert_id: alertExample.alert_id } },
  responses: { 200: { description: "The alert", schema: alertView, example: alertExample } },
  tableActions: ["dynamodb:GetItem"],
});

export const putRiskRoute = defineRoute({
  method: "PUT",
  path: "/v1/users/{user_id}/risk",
  handler: "monitoring/put-risk.ts",
  access: "manager",
  summary: "Set a user's risk level, which changes every rule's limit",
  tags,
  params: userParams,
  body: riskBody,
  requestExample: { params: { user_id: "42" }, body: { level: "high" } },
  responses: {
    200: {
      description: "The user's risk level",
      schema: riskView,
      example: { user_id: 42, level: "high" },
    },
  },
  tableActions: ["dynamodb:UpdateItem"],
});

export const getRiskRoute = defineRoute({
  method: "GET",
  path: "/v1/users/{user_id}/risk",
  handler: "monitoring/get-risk.ts",
  access: "public",
  summary: "A user's risk level (`medium` when never set)",
  tags,
  params: userParams,
  requestExample: { params: { user_id: "42" } },
  responses: {
    200: {
      description: "The user's risk level",
      schema: riskView,
      example: { user_id: 42, level: "medium" },
    },
  },
  tableActions: ["dynamodb:GetItem"],
});

export const monitoringRoutes = [
  postLegacyEventRoute,
  createEventRoute,
  getEventRoute,
  listUserEventsRoute,
  listAlertsRoute,
  getAlertRoute,
  putRiskRoute,
  getRiskRoute,
];
