import { buildOpenApiDocument } from "#platform/http/openapi";
import { apiTags, routes } from "./routes";

/** This API's OpenAPI document: every route of the route table. */
export const apiDocument = () => buildOpenApiDocument(routes, apiTags);
