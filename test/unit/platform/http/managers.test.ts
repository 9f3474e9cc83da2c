import { describe, expect, it, vi } from "vitest";
import * as z from "zod";
import { invoke } from "../../../support/lambda-event";

async function managerOnlyHandler() {
  vi.resetModules();
  const { httpHandler } = await import("#platform/http/handler");
  const { defineRoute } = await import("#platform/function-definitions");
  const { ok } = await import("#platform/http/response");
  const route = defineRoute({
    method: "POST",
    path: "/managed",
    access: "manager",
    summary: "test",
    body: z.strictObject({}),
    requestExample: { body: {} },
    responses: { 200: { description: "ok" } },
    function: {
      handler: "test/managed.ts",
      tableActions: [],
    },
  });
  // The address check alone, as under MANAGER_KEYS=off (operator-keys.test.ts tests the keys).
  return httpHandler(route, async () => ok({ done: true }), { checkManagerKey: async () => {} });
}

describe("the manager check", () => {
  it("lets addresses inside MANAGER_CIDRS through and forbids the rest before parsing", async () => {
    vi.stubEnv("MANAGER_CIDRS", "10.0.0.0/8,2001:db8::/32");
    const handler = await managerOnlyHandler();
    expect((await invoke(handler, { method: "POST", sourceIp: "10.1.2.3", body: {} })).status).toBe(
      200,
    );
    expect(
      (await invoke(handler, { method: "POST", sourceIp: "2001:db8::5", body: {} })).status,
    ).toBe(200);
    const outsider = await invoke(handler, { method: "POST", sourceIp: "11.0.0.1", body: "{bad" });
    expect(outsider.status).toBe(403);
    expect(outsider.body.code).toBe("forbidden");
    vi.unstubAllEnvs();
  });

  it("fails at start-up, not per request, when a CIDR is malformed", async () => {
    vi.stubEnv("MANAGER_CIDRS", "10.0.0.0/8,10.0.0.300/8");
    await expect(managerOnlyHandler()).rejects.toThrow(/Invalid CIDR/);
    vi.unstubAllEnvs();
  });
});
