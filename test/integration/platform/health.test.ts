import { describe, expect, it, vi } from "vitest";
import { invoke } from "../../support/lambda-event";

describe("GET /health", () => {
  it("answers 200 when the table answers", async () => {
    const { handler } = await import("../../../functions/platform/health");
    const response = await invoke(handler, { path: "/health" });
    expect(response).toMatchObject({ status: 200, body: { status: "ok" } });
  });

  it("answers 503 unavailable with Retry-After when the table cannot be reached", async () => {
    vi.resetModules();
    vi.stubEnv("TABLE_NAME", "no-such-table");
    const { handler } = await import("../../../functions/platform/health");
    const response = await invoke(handler, { path: "/health" });
    vi.unstubAllEnvs();
    expect(response.status).toBe(503);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.headers["retry-after"]).toBe("5");
    expect(response.body.code).toBe("unavailable");
  });
});
