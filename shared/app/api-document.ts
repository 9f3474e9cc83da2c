import { buildOpenApiDocument } from "#platform/http/openapi";
import { apiTags, routes } from "./routes";

/** The top of the document and of `/docs`: it names every domain (a test keeps it so). */
export const apiInfo = {
  title: "Tombola API",
  version: "1.0.0",
  description:
    "Raffles with verifiable draws, coupons with search near a point, customer accounts, wallets with a ledger, SMS notifications of each transaction, monitoring of deposits and withdrawals, signed webhooks to operators' endpoints, and operator keys, for promotion operators. Errors are `application/problem+json` with a stable `code`; lists take `?limit=` (1–100) and `?cursor=`. The same document is `openapi.json` in the repository, and a typed TypeScript client is generated from it (`clients/typescript`).",
};

/** This API's OpenAPI document: every route of the route table. */
export const apiDocument = () => buildOpenApiDocument(routes, apiTags, apiInfo);
