import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { afterEach, describe, expect, it, vi } from "vitest";
import { esbuildOptions } from "../../../../infra/bundling";
import { buildTracingModule } from "../../../../infra/tracing-module";

const XRAY_MIDDLEWARE = "XRaySDKInstrumentation";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

async function freshClient() {
  vi.resetModules();
  return (await import("#platform/db/client")).db;
}

describe("X-Ray tracing of DynamoDB calls", () => {
  it("is off unless POWERTOOLS_TRACE_ENABLED is true: the client carries no tracer", async () => {
    vi.stubEnv("AWS_EXECUTION_ENV", "AWS_Lambda_nodejs24.x");
    const db = await freshClient();
    expect(db.middlewareStack.identify().join("\n")).not.toContain(XRAY_MIDDLEWARE);
  });

  it("when on, has the Powertools tracer wrap the DynamoDB client", async () => {
    vi.stubEnv("POWERTOOLS_TRACE_ENABLED", "true");
    vi.stubEnv("AWS_EXECUTION_ENV", "AWS_Lambda_nodejs24.x");
    const db = await freshClient();
    expect(db.middlewareStack.identify().join("\n")).toContain(XRAY_MIDDLEWARE);
  });

  it("stays out of a function's bundle, in the module beside it that it loads when on", async () => {
    // Under node_modules, as the bench builds them: the bundle finds any module it leaves out.
    mkdirSync(join("node_modules", ".cache"), { recursive: true });
    const dir = mkdtempSync(join("node_modules", ".cache", "tracing-test-"));
    try {
      const outfile = join(dir, "index.mjs");
      await build({
        ...esbuildOptions(),
        entryPoints: ["functions/raffles/claim-ticket.ts"],
        outfile,
        logLevel: "silent",
      });
      const bundle = readFileSync(outfile, "utf8");
      expect(bundle).not.toContain(XRAY_MIDDLEWARE);
      const tracer = buildTracingModule();
      expect(readFileSync(tracer, "utf8")).toContain(XRAY_MIDDLEWARE);
      const load = (tracing: string) =>
        execFileSync(
          process.execPath,
          [
            "--input-type=module",
            "-e",
            `await import(${JSON.stringify(join(process.cwd(), outfile))})`,
          ],
          {
            env: { ...process.env, POWERTOOLS_TRACE_ENABLED: tracing, AWS_REGION: "us-east-1" },
            stdio: "pipe",
          },
        );
      expect(() => load("true")).toThrow(/tracing\.mjs/);
      expect(() => load("false")).not.toThrow();
      copyFileSync(tracer, join(dir, "tracing.mjs"));
      expect(() => load("true")).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
