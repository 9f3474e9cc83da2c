import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { apiDocument } from "../../shared/platform/api-document";
import { openApiRoute } from "../../shared/platform/routes";

const document = apiDocument();

export const handler = httpHandler(openApiRoute, async () => ok(document));
