import { checkBeaconConfiguration } from "../../shared/beacon/configured-beacon";
import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { readAudit } from "../../shared/raffles/audit";
import { getAuditRoute } from "../../shared/raffles/routes";

// At init: a function whose BEACON could never draw fails its cold start, not its first request.
checkBeaconConfiguration();

export const handler = httpHandler(getAuditRoute, async ({ params }) =>
  ok(await readAudit(params.id)),
);
