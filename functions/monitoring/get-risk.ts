import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { getRiskLevel } from "../../shared/monitoring/risk-level";
import { getRiskRoute } from "../../shared/monitoring/routes";

export const handler = httpHandler(getRiskRoute, async ({ params }) =>
  ok({ user_id: params.user_id, level: await getRiskLevel(params.user_id) }),
);
