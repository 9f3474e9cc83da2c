import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BundlingOptions } from "aws-cdk-lib/aws-lambda-nodejs";
import { buildSync } from "esbuild";
import { esbuildOptions, withAfterBundling } from "./bundling";

const PROJECT_ROOT = join(import.meta.dirname, "..");
/** The file a function's bundle imports when tracing is on (`shared/platform/db/client.ts`). */
export const TRACING_MODULE = "tracing.mjs";

let built: string | undefined;

/** Bundles `shared/platform/db/tracing.ts` (the X-Ray tracer) once per process; returns its path. */
export function buildTracingModule(
  outputDir = join(PROJECT_ROOT, "node_modules/.cache/tombola-tracing"),
) {
  if (built) return built;
  mkdirSync(outputDir, { recursive: true });
  const outfile = join(outputDir, TRACING_MODULE);
  buildSync({
    ...esbuildOptions(),
    entryPoints: [join(PROJECT_ROOT, "shared/platform/db/tracing.ts")],
    outfile,
    logLevel: "silent",
  });
  built = outfile;
  return outfile;
}

/** A function's bundling, with the tracer module copied beside its bundle once esbuild is done. */
export function withTracingModule(bundling: BundlingOptions): BundlingOptions {
  const module = buildTracingModule();
  return withAfterBundling(
    bundling,
    (_input, output) => `cp "${module}" "${join(output, TRACING_MODULE)}"`,
  );
}
