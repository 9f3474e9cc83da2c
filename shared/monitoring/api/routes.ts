import { monitoringMetrics } from "#monitoring/api/metrics";
import {
  defineRoute,
  type RouteDefinition,
  type TableAction,
} from "#platform/function-definitions";
import { pageOf, pageQuery } from "#platform/http/page";
import { idempotencyKeyReused, optionalIdempotencyKeyHeaders } from "#platform/idempotency/header";
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
  access: "manager",
  tags,
  errors: [
    {
      status: 409,
      code: "out_of_order",
      description: "`time` is lower than this user's latest event; nothing is stored",
    },
  ],
} satisfies Partial<RouteDefinition>;

/**
 * An event reads the user's latest entry (a Query) and an Idempotency-Key's record (a GetItem),
 * and writes its entry: a PutItem, or a transaction of Puts (authorised as PutItem, per item).
 */
const recordEventActions: TableAction[] = [
  "dynamodb:GetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
];

export const postLegacyEventRoute = defineRoute({
  ...recordEventRoute,
  path: "/event",
  summary: "Record a deposit or withdrawal and judge it (original API; unknown fields ignored)",
  body: legacyEventBody,
  requestExample: { body: { type: "WITHDRAW", amount: "150.00", user_id: 42, time: 70 } },
  answerMetrics: { 200: monitoringMetrics.EventsRecorded, 409: monitoringMetrics.EventsRefused },
  responses: {
    200: {
      description: "The event's alert codes",
      schema: legacyEventResult,
      example: { alert: true, alert_codes: [30, 1100], user_id: 42 },
    },
  },
  function: {
    handler: "monitoring/post-legacy-event.ts",
    tableActions: recordEventActions,
  },
});

export const createEventRoute = defineRoute({
  ...recordEventRoute,
  path: "/v1/events",
  summary: "Record a deposit or withdrawal and judge it",
  headers: optionalIdempotencyKeyHeaders,
  body: eventBody,
  requestExample: {
    headers: { "Idempotency-Key": "7e2c5a90-1d3b-4f86-9a4e-6b8c0d2f5e17" },
    body: { type: "withdraw", amount: "150.00", user_id: 42, time: 70 },
  },
  errors: [...recordEventRoute.errors, idempotencyKeyReused],
  answerMetrics: { 201: monitoringMetrics.EventsRecorded, 409: monitoringMetrics.EventsRefused },
  responses: {
    201: {
      description:
        "The stored event and its alert; a replay of an Idempotency-Key's first request says " +
        "`Idempotent-Replayed: true`",
      schema: createdEventView,
      example: eventExample,
      headers: ["Location", "Idempotent-Replayed"],
    },
  },
  function: {
    handler: "monitoring/create-event.ts",
    tableActions: recordEventActions,
  },
});

export const getEventRoute = defineRoute({
  method: "GET",
  path: "/v1/events/{event_id}",
  access: "manager",
  summary: "One event with its alert codes",
  tags,
  params: eventParams,
  requestExample: { params: { event_id: eventExample.event_id } },
  responses: { 200: { description: "The event", schema: eventView, example: storedEventExample } },
  function: {
    handler: "monitoring/get-event.ts",
    tableActions: ["dynamodb:GetItem"],
  },
});

export const listUserEventsRoute = defineRoute({
  method: "GET",
  path: "/v1/users/{user_id}/events",
  access: "manager",
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
  function: {
    handler: "monitoring/list-user-events.ts",
    tableActions: ["dynamodb:Query"],
  },
});

export const listAlertsRoute = defineRoute({
  method: "GET",
  path: "/v1/alerts",
  access: "manager",
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
  function: {
    handler: "monitoring/list-alerts.ts",
    tableActions: ["dynamodb:Query"],
  },
});

export const getAlertRoute = defineRoute({
  method: "GET",
  path: "/v1/alerts/{alert_id}",
  access: "manager",
  summary: "One alert",
  tags,
  params: alertParams,
  requestExample: { params: { alert_id: alertExample.alert_id } },
  responses: { 200: { description: "The alert", schema: alertView, example: alertExample } },
  function: {
    handler: "monitoring/get-alert.ts",
    tableActions: ["dynamodb:GetItem"],
  },
});

export const putRiskRoute = defineRoute({
  method: "PUT",
  path: "/v1/users/{user_id}/risk",
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
  function: {
    handler: "monitoring/put-risk.ts",
    // The user's latest entry, then the change as the next one.
    tableActions: ["dynamodb:Query", "dynamodb:PutItem"],
  },
});

export const getRiskRoute = defineRoute({
  method: "GET",
  path: "/v1/users/{user_id}/risk",
  access: "manager",
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
  function: {
    handler: "monitoring/get-risk.ts",
    // The user's latest entry holds the level.
    tableActions: ["dynamodb:Query"],
  },
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
