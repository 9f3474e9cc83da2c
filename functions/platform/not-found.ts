import type { LambdaHttpHandler } from "../../shared/http/handler";
import { problemResponse } from "../../shared/http/problem";
import { withStandardHeaders } from "../../shared/http/response";
import { createRouteMatcher } from "../../shared/http/route-matcher";
import { invocationRunner } from "../../shared/metrics/invocation";
import { functionMetricName } from "../../shared/metrics/names";
import { fallbackHandler, routes } from "../../shared/routes";

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
