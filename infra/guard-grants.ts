import type { RouteDefinition, TableAction } from "#platform/function-definitions";

/** Table rights a route's guards need besides its own actions, each on some partition keys only. */
export interface GuardGrant {
  actions: TableAction[];
  /** `dynamodb:LeadingKeys` patterns: the partition keys the actions may touch. */
  leadingKeys: string[];
}

/**
 * What the HTTP wrapper does before the route's own work: a rate-limited route counts its
 * caller in `RATE#<name>#…` (one UpdateItem); a manager route checks and marks the operator key
 * in `OPKEY#<hash>` (UpdateItem, then GetItem when refused).
 */
export function guardGrants(route: Pick<RouteDefinition, "access" | "rateLimit">): GuardGrant[] {
  const grants: GuardGrant[] = [];
  if (route.rateLimit) {
    grants.push({
      actions: ["dynamodb:UpdateItem"],
      leadingKeys: [`RATE#${route.rateLimit.name}#*`],
    });
  }
  if (route.access === "manager") {
    grants.push({ actions: ["dynamodb:GetItem", "dynamodb:UpdateItem"], leadingKeys: ["OPKEY#*"] });
  }
  return grants;
}
