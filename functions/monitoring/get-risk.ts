import { getRiskLevel, getRiskRoute } from "#monitoring";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler(
  getRiskRoute,
  async ({ params }) => ok({ user_id: params.user_id, level: await getRiskLevel(params.user_id) }),
  { checkManagerKey: checkOperatorKey },
);
