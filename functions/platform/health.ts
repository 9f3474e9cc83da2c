import { healthRoute } from "#app/service-routes";
import { isTableReachable } from "#platform/db/health";
import { httpHandler } from "#platform/http/handler";
import { problems } from "#platform/http/problem";
import { ok } from "#platform/http/response";

export const handler = httpHandler(healthRoute, async () => {
  if (!(await isTableReachable())) throw problems.unavailable(5);
  return ok({ status: "ok" });
});
