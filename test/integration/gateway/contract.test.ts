import { describe, expect, it } from "vitest";
import { routes } from "#app/routes";
import { routeKey } from "#platform/http/route";
import { useTestGateway } from "../../support/gateway";

// Every route of the table, the ones added later included, meets the requests every route must
// refuse. `send` checks each answer against the OpenAPI document, so an error a route can give
// that its operation does not list fails here.
const gateway = useTestGateway();

/** The route's path with its example's path parameters in place. */
const examplePath = (route: (typeof routes)[number]) => {
  const params = (route.requestExample as { params?: Record<string, string> }).params ?? {};
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String(params[name] ?? "x")),
  );
};

/** Not a manager (MANAGER_CIDRS is 127.0.0.1/32 in the tests). */
const OUTSIDER = "127.0.0.9";

describe.each(routes.map((route) => [routeKey(route), route] as const))("%s", (_, route) => {
  const send = (body: string, headers: Record<string, string> = {}, from = "127.0.0.1") =>
    gateway.send(route.method, examplePath(route), { body, headers, from });

  it("refuses a body that is not JSON", async () => {
    const response = await send("{not json");
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it("refuses a body over 64 KiB", async () => {
    const response = await send(JSON.stringify({ padding: "x".repeat(70 * 1024) }));
    expect([401, 413]).toContain(response.status);
  });

  it("refuses a field it does not know", async () => {
    const response = await send(JSON.stringify({ surprise_field: 1 }));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  if (route.access === "manager") {
    it("refuses a caller who is not a manager", async () => {
      const response = await send("{}", {}, OUTSIDER);
      expect(response.status).toBe(403);
      expect(response.body.code).toBe("forbidden");
    });
  }

  if (route.access === "account") {
    it("refuses a caller without a token", async () => {
      const response = await send("{}");
      expect(response.status).toBe(401);
      expect(response.headers["www-authenticate"]).toBe("Bearer");
    });
  }
});

describe("paths no route serves", () => {
  it("answer 404 route_not_found, and a known path's other method 405 with Allow", async () => {
    expect((await gateway.send("GET", "/v2/nothing")).body.code).toBe("route_not_found");
    const response = await gateway.send("PATCH", "/health");
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe("GET");
  });
});
