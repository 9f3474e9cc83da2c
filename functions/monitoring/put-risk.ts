import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { setRiskLevel } from "../../shared/monitoring/risk-level";
import { putRiskRoute } from "../../shared/monitoring/routes";

export const handler = httpHandler(putRiskRoute, async ({ params, body }) => {
  await setRiskLevel(params.user_id, body.level);
  return ok({ user_id: params.user_id, level: body.level });
});
