import { accountsRoutes } from "./accounts/routes";
import type { RouteDefinition } from "./http/route";
import { ledgerRoutes } from "./ledger/routes";
import { monitoringRoutes } from "./monitoring/routes";
import { notificationsRoutes } from "./notifications/routes";
import { platformRoutes } from "./platform/routes";
import { raffleRoutes } from "./raffles/routes";

/** Every route of the API: the CDK stack, the local gateway and the OpenAPI document use this. */
export const routes: readonly RouteDefinition[] = [
  ...platformRoutes,
  ...raffleRoutes,
  ...accountsRoutes,
  ...monitoringRoutes,
  ...ledgerRoutes,
  ...notificationsRoutes,
];

/** The function behind API Gateway's `$default` route: 404 `route_not_found` or 405. */
export const fallbackHandler = "platform/not-found.ts";
