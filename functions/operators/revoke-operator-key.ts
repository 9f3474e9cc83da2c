import { checkOperatorKey, revokeKey, revokeOperatorKeyRoute } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { noContent } from "#platform/http/response";

export const handler = httpHandler(
  revokeOperatorKeyRoute,
  async ({ params }) => {
    await revokeKey(params.key_id);
    return noContent();
  },
  { checkManagerKey: checkOperatorKey },
);
