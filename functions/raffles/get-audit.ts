import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { readAudit } from "../../shared/raffles/audit";
import { getAuditRoute } from "../../shared/raffles/routes";

export const handler = httpHandler(getAuditRoute, async ({ params }) =>
  ok(await readAudit(params.id)),
);
