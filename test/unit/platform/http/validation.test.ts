import { describe, expect, it } from "vitest";
import * as z from "zod";
import { fieldErrors } from "#platform/http/validation";

describe("fieldErrors", () => {
  it("reports a value of the wrong type once, without the length checks zod still runs", () => {
    const schema = z.strictObject({
      name: z.string().trim().min(1).max(10),
      tags: z.array(z.string()).min(1),
    });
    const result = schema.safeParse({ name: [], tags: "x" });
    expect(result.success).toBe(false);
    const errors = fieldErrors((result as { error: z.ZodError }).error);
    expect(errors.map((error) => error.path)).toEqual(["name", "tags"]);
    expect(errors[0]?.message).toMatch(/expected string/);
  });
});

describe("the body's depth bound", () => {
  it("measures nesting without recursion, objects and arrays alike", async () => {
    const { nestsDeeperThan } = await import("#platform/http/body");
    const nested = (depth: number) => JSON.parse(`${"[".repeat(depth)}${"]".repeat(depth)}`);
    expect(nestsDeeperThan({ a: { b: [1] } }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [{}] } }, 3)).toBe(true);
    expect(nestsDeeperThan(nested(32), 32)).toBe(false);
    expect(nestsDeeperThan(nested(33), 32)).toBe(true);
    expect(nestsDeeperThan(nested(100_000), 32)).toBe(true);
  });
});
