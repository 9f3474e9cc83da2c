import { fallbackHandler, routes } from "#app/routes";
import type { LambdaHttpHandler } from "#platform/http/handler";
import { problemResponse } from "#platform/http/problem";
import { withStandardHeaders } from "#platform/http/response";
import { createRouteMatcher } from "#platform/http/route-matcher";
import { invocationRunner } from "#platform/observability/invocation-metrics";
import { functionMetricName } from "#platform/observability/service-names";

const match = createRouteMatcher(routes);
const invoke = invocationRunner(functionMetricName(fallbackHandler));

/** API Gateway's `$default` route: whatever no route claimed is a 404, or a 405 on a known path. */
export const handler: LambdaHttpHandler = (event, context) =>
  invoke(context.awsRequestId, async () => {
    const found = match(event.requestContext.http.method, event.rawPath);
    const result =
      found.kind === "method_not_allowed"
        ? problemResponse(405, "method_not_allowed", "This path does not accept this method", {
            headers: { allow: found.allow.join(", ") },
          })
        : problemResponse(404, "route_not_found", `No route for ${event.rawPath}`);
    return withStandardHeaders(result, context.awsRequestId);
  });
