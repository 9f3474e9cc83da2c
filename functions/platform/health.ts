import { httpHandler } from "../../shared/http/handler";
import { problems } from "../../shared/http/problem";
import { ok } from "../../shared/http/response";
import { isTableReachable } from "../../shared/platform/health";
import { healthRoute } from "../../shared/platform/routes";

export const handler = httpHandler(healthRoute, async () => {
  if (!(await isTableReachable())) throw problems.unavailable(5);
  return ok({ status: "ok" });
});
