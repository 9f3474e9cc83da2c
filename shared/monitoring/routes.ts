import { pageOf, pageQuery } from "../http/page";
import { defineRoute, type RouteDefinition } from "../http/route";
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
/** What the two routes that record an event share. */
const recordEventRoute = {
  method: "POST",
  access: "public",
  tags,
  errors: [{ status: 409, code: "out_of_order" }],
  // An event reads the user's state and writes state, event and alert in one transaction of Puts.
  tableActions: ["dynamodb:GetItem", "dynamodb:PutItem"],
} satisfies Partial<RouteDefinition>;

export const postLegacyEventRoute = defineRoute({
  ...recordEventRoute,
  path: "/event",
  handler: "monitoring/post-legacy-event.ts",
  summary: "Record a deposit or withdrawal and judge it (original API; unknown fields ignored)",
  body: legacyEventBody,
  responses: { 200: { description: "The event's alert codes", schema: legacyEventResult } },
});

export const createEventRoute = defineRoute({
  ...recordEventRoute,
  path: "/v1/events",
  handler: "monitoring/create-event.ts",
  summary: "Record a deposit or withdrawal and judge it",
  body: eventBody,
  responses: { 201: { description: "The stored event and its alert", schema: createdEventView } },
});

export const getEventRoute = defineRoute({
  method: "GET",
  path: "/v1/events/{event_id}",
  handler: "monitoring/get-event.ts",
  access: "public",
  summary: "One event with its alert codes",
  tags,
  params: eventParams,
  responses: { 200: { description: "The event", schema: eventView } },
  errors: [{ status: 404, code: "event_not_found" }],
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
  responses: { 200: { description: "A page of events", schema: pageOf(eventView) } },
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
  responses: { 200: { description: "A page of alerts", schema: pageOf(alertView) } },
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
  responses: { 200: { description: "The alert", schema: alertView } },
  errors: [{ status: 404, code: "alert_not_found" }],
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
  responses: { 200: { description: "The user's risk level", schema: riskView } },
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
  responses: { 200: { description: "The user's risk level", schema: riskView } },
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
