import { postLegacyEventRoute, recordEvent } from "#monitoring";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler(
  postLegacyEventRoute,
  async ({ body }) => {
    const { alert, alert_codes, user_id } = (await recordEvent(body)).response.body;
    return ok({ alert, alert_codes, user_id });
  },
  { checkManagerKey: checkOperatorKey },
);
