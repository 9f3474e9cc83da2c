import { putRiskRoute, setRiskLevel } from "#monitoring";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler(
  putRiskRoute,
  async ({ params, body }) => {
    await setRiskLevel(params.user_id, body.level);
    return ok({ user_id: params.user_id, level: body.level });
  },
  { checkManagerKey: checkOperatorKey },
);
