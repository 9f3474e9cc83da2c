import { apiTags, routes } from "../routes";
import { buildOpenApiDocument } from "./openapi";

/** This API's OpenAPI document: every route of the route table. */
export const apiDocument = () => buildOpenApiDocument(routes, apiTags);
