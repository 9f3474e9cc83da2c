import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { HttpContract } from "./route";

/**
 * Whether a route refuses cross-site requests: every route whose right comes from the caller's
 * address (manager routes, and public routes that say so, as ticket claims do).
 */
export const refusesCrossSite = (route: Pick<HttpContract, "access" | "rightFromAddress">) =>
  route.access === "manager" || route.rightFromAddress === true;

/**
 * Whether a browser marks this request as sent by a page of another site: `Sec-Fetch-Site`
 * says `cross-site` or `same-site`, or `Origin` is not this API's own origin. Manager rights
 * come from the caller's address, so a page a manager visits must not borrow them (CSRF).
 * Clients that are not browsers send neither header and are not affected.
 */
export function isCrossSiteRequest(event: Pick<APIGatewayProxyEventV2, "headers">): boolean {
  const headers = event.headers ?? {};
  const fetchSite = headers["sec-fetch-site"]?.toLowerCase();
  if (fetchSite === "cross-site" || fetchSite === "same-site") return true;
  const origin = headers.origin;
  if (origin === undefined) return false;
  // API Gateway sets X-Forwarded-Proto; the local gateway serves plain HTTP.
  const ownOrigin = `${headers["x-forwarded-proto"] ?? "http"}://${headers.host ?? ""}`;
  return origin.toLowerCase() !== ownOrigin.toLowerCase();
}
