import { describe, expect, it } from "vitest";
import { routes } from "#app/routes";
import { defineRoute } from "#platform/function-definitions";
import type { HttpMethod } from "#platform/http/route";
import { createRouteMatcher } from "#platform/http/route-matcher";

const route = (method: HttpMethod, path: string) =>
  defineRoute({
    method,
    path,
    access: "public",
    summary: "test",
    requestExample: {},
    responses: {},
    function: {
      handler: `${method} ${path}`,
      tableActions: [],
    },
  });

const table = [
  route("GET", "/v1/accounts/{account_id}/transactions"),
  route("POST", "/v1/accounts/{account_id}/transactions"),
  route("GET", "/v1/accounts/{account_id}/transactions/{transaction_id}"),
  route("GET", "/v1/accounts/me/transactions"),
  route("GET", "/v1/accounts/me/transactions/{transaction_id}"),
  route("GET", "/v1/{a}/{b}/me/x"),
  route("GET", "/v1/{a}/me/{c}/x"),
];

describe.each([
  ["in table order", table],
  ["in reverse order", [...table].reverse()],
])("the local route matcher, routes %s", (_, routesInOrder) => {
  const match = createRouteMatcher(routesInOrder);
  const handlerOf = (method: string, path: string) => {
    const found = match(method, path);
    return found.kind === "found"
      ? { handler: found.route.function.handler, params: found.pathParameters }
      : found;
  };

  it("prefers the literal /v1/accounts/me/... over /v1/accounts/{account_id}/...", () => {
    expect(handlerOf("GET", "/v1/accounts/me/transactions")).toEqual({
      handler: "GET /v1/accounts/me/transactions",
      params: {},
    });
    expect(handlerOf("GET", "/v1/accounts/me/transactions/tx_1")).toEqual({
      handler: "GET /v1/accounts/me/transactions/{transaction_id}",
      params: { transaction_id: "tx_1" },
    });
    expect(handlerOf("GET", "/v1/accounts/a_1/transactions")).toEqual({
      handler: "GET /v1/accounts/{account_id}/transactions",
      params: { account_id: "a_1" },
    });
  });

  it("prefers the route whose first differing segment is literal", () => {
    expect(handlerOf("GET", "/v1/p/me/q/x")).toMatchObject({ handler: "GET /v1/{a}/me/{c}/x" });
  });

  it("matches per method: a method only the parameter route has goes there", () => {
    expect(handlerOf("POST", "/v1/accounts/me/transactions")).toEqual({
      handler: "POST /v1/accounts/{account_id}/transactions",
      params: { account_id: "me" },
    });
  });

  it("answers 405 with each allowed method once", () => {
    expect(match("DELETE", "/v1/accounts/me/transactions")).toEqual({
      kind: "method_not_allowed",
      allow: ["GET", "POST"],
    });
  });
});

describe("the route table", () => {
  const match = createRouteMatcher(routes);
  it.each([
    ["/v1/accounts/me/transactions", "ledger/list-own-transactions.ts"],
    ["/v1/accounts/me/transactions/tx_1", "ledger/get-own-transaction.ts"],
    ["/v1/accounts/me/analytics", "ledger/get-own-analytics.ts"],
    ["/v1/accounts/a_1/analytics", "ledger/get-analytics.ts"],
  ])("serves GET %s with %s", (path, handler) => {
    const found = match("GET", path);
    expect(found.kind === "found" && found.route.function.handler).toBe(handler);
  });
});
