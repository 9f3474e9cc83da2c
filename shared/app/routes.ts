import { accountsRoutes } from "#accounts";
import { couponRoutes } from "#coupons";
import { ledgerRoutes } from "#ledger";
import { monitoringRoutes } from "#monitoring";
import { notificationsRoutes } from "#notifications";
import { operatorRoutes } from "#operators";
import type { RouteDefinition } from "#platform/function-definitions";
import { raffleRoutes } from "#raffles";
import { webhookRoutes } from "#webhooks";
import { platformRoutes } from "./service-routes";

/** Every route of the API: the CDK stack, the local gateway and the OpenAPI document use this. */
export const routes: readonly RouteDefinition[] = [
  ...platformRoutes,
  ...raffleRoutes,
  ...accountsRoutes,
  ...monitoringRoutes,
  ...ledgerRoutes,
  ...couponRoutes,
  ...notificationsRoutes,
  ...operatorRoutes,
  ...webhookRoutes,
];

/** What each tag of the OpenAPI document groups: one per domain. */
export const apiTags: Readonly<Record<string, string>> = {
  platform: "Health, this document, and its interactive page",
  raffles: "Raffles of N tickets: claim one ticket per player, draw winners once, verify a ticket",
  accounts: "Register, log in for a bearer token, read, change and delete one's own account",
  monitoring: "Deposits and withdrawals judged against alert rules, with per-user risk levels",
  ledger:
    "Each account's wallet: managers post credits and debits exactly once; holders read their own",
  notifications: "The SMS each transaction sends: statuses, and re-sending what failed",
  operators:
    "Operator keys: what a manager presents besides a manager address (`MANAGER_KEYS=required`)",
  webhooks:
    "Signed events to operators' HTTPS endpoints: endpoints, secrets, deliveries, re-sending",
  coupons: "A coupon catalogue with stores and validity windows, search near a point, redemption",
};

/** The function behind API Gateway's `$default` route: 404 `route_not_found` or 405. */
export const fallbackHandler = "platform/not-found.ts";
