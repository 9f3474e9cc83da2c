import { checkOperatorKey, listKeys, listOperatorKeysRoute } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler(
  listOperatorKeysRoute,
  async ({ query }) => ok(await listKeys(query)),
  { checkManagerKey: checkOperatorKey },
);
