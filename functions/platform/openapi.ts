import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { buildOpenApiDocument } from "../../shared/platform/openapi";
import { openApiRoute } from "../../shared/platform/routes";
import { routes } from "../../shared/routes";

const document = buildOpenApiDocument(routes);

export const handler = httpHandler(openApiRoute, async () => ok(document));
