import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { checkBeaconConfiguration, getAuditRoute, readAudit } from "#raffles";

// At init: a function whose BEACON could never draw fails its cold start, not its first request.
checkBeaconConfiguration();

export const handler = httpHandler(getAuditRoute, async ({ params }) =>
  ok(await readAudit(params.id)),
);
