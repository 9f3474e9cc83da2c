import { describe, expect, it } from "vitest";
import { routes } from "#app/routes";
import { useTestGateway } from "../../support/gateway";
import { expectProblem } from "../../support/problem";

const gateway = useTestGateway();

describe("platform over real HTTP", () => {
  it("GET /health answers 200 once the table is reachable", async () => {
    const response = await gateway.send("GET", "/health");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok" });
  });

  it("answers 404 route_not_found for an unknown path", async () => {
    expectProblem(await gateway.send("GET", "/no/such/thing"), 404, "route_not_found");
    expectProblem(await gateway.send("POST", "/health/extra"), 404, "route_not_found");
  });

  it("answers 405 method_not_allowed with Allow for a known path", async () => {
    const response = await gateway.send("DELETE", "/health");
    expectProblem(response, 405, "method_not_allowed");
    expect(response.headers.allow).toBe("GET");
  });

  it("GET /openapi.json documents every route with its errors", async () => {
    const response = await gateway.send("GET", "/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe("3.1.0");
    for (const route of routes) {
      const operation = response.body.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation.responses["500"].content["application/problem+json"]).toBeDefined();
    }
    expect(response.body.components.schemas.Problem.required).toEqual(
      expect.arrayContaining(["type", "title", "status", "code", "detail"]),
    );
  });
});

describe("request bodies over real HTTP", () => {
  const bodyRoute = routes.find((route) => route.body && route.access !== "manager");

  it("answers 400 invalid_json and 413 payload_too_large", async () => {
    expect(bodyRoute, "a public route with a body").toBeDefined();
    const path = (bodyRoute?.path ?? "").replace(/\{\w+\}/g, "x");
    const method = bodyRoute?.method ?? "POST";
    expectProblem(await gateway.send(method, path, { body: "{not json" }), 400, "invalid_json");
    const huge = JSON.stringify({ padding: "x".repeat(70 * 1024) });
    expectProblem(await gateway.send(method, path, { body: huge }), 413, "payload_too_large");
  });
});

describe("browser safety over real HTTP", () => {
  const manager = routes.find((route) => route.access === "manager" && route.body);

  it("answers 415 to a body that is not declared JSON, as a cross-site form would send it", async () => {
    expect(manager, "a manager route with a body").toBeDefined();
    const path = (manager?.path ?? "").replace(/\{\w+\}/g, "x");
    const response = await gateway.send(manager?.method ?? "POST", path, {
      body: "name=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expectProblem(response, 415, "unsupported_media_type");
  });

  it("refuses manager routes to pages of other sites, and serves the API's own origin", async () => {
    const path = "/v1/raffles";
    const body = { name: "r", total_tickets: 1, prizes: [{ name: "p", quantity: 1 }] };
    const foreign = await gateway.send("POST", path, {
      body,
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expectProblem(foreign, 403, "cross_site_request");
    const own = await gateway.send("POST", path, {
      body,
      headers: { origin: gateway.url, "sec-fetch-site": "same-origin" },
    });
    expect(own.status).toBe(201);
  });

  it("labels every response with nosniff, no-store and a request id, errors and 404s too", async () => {
    for (const [method, path] of [
      ["GET", "/health"],
      ["GET", "/no/such/route"],
      ["DELETE", "/health"],
    ] as const) {
      const response = await gateway.send(method, path);
      expect(response.headers["x-content-type-options"], path).toBe("nosniff");
      expect(response.headers["cache-control"], path).toBe("no-store");
      expect(response.headers["x-request-id"], path).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
