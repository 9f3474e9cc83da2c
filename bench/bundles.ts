import { execFileSync } from "node:child_process";
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { allFunctions } from "#app/functions";
import { fallbackHandler } from "#app/routes";
import { esbuildOptions, RUNTIME_SDK } from "../infra/bundling";
import { writeDocsAssets } from "../infra/docs-assets";
import { median } from "./stats";

const OUT_DIR = join(import.meta.dirname, "../node_modules/.cache/tombola-bench");
const LOADS = 7;

// Each load is a fresh process, as a cold start is: the time is that of `import()` alone.
const LOAD_SCRIPT =
  "const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));";

/** Median time (ms) of importing `file` in a fresh process, over LOADS processes. */
function coldLoad(file: string): number {
  const times = Array.from({ length: LOADS }, () =>
    Number(
      execFileSync(process.execPath, ["--input-type=module", "-e", LOAD_SCRIPT, file], {
        env: { ...process.env, AWS_REGION: "us-east-1" },
      }),
    ),
  );
  return Number(median(times).toFixed(1));
}

/** Builds `handler` as CDK does, or with `external` left out too; returns the bundle's path. */
async function bundle(handler: string, variant: string, external: readonly string[] = []) {
  const outfile = join(OUT_DIR, variant, handler.replace(/\.ts$/, ""), "index.mjs");
  mkdirSync(join(outfile, ".."), { recursive: true });
  await build({
    ...esbuildOptions(external),
    entryPoints: [join("functions", handler)],
    outfile,
    logLevel: "silent",
  });
  // As CDK's bundling does: the /docs functions carry their assets beside the bundle.
  if (allFunctions.find((f) => f.function.handler === handler)?.function.docsAssets) {
    writeDocsAssets(join(outfile, ".."));
  }
  return outfile;
}

/**
 * Bundle size and cold module-load time of every function as it ships (the AWS SDK inside),
 * beside the same function with the SDK left to the Lambda runtime (loaded here from
 * node_modules, as Lambda loads its own copy from /var/runtime: unbundled files).
 */
export default async function bundles() {
  const entries = [
    ...new Set([...allFunctions.map((definition) => definition.function.handler), fallbackHandler]),
  ];
  const rows: Record<string, string | number>[] = [];
  const figures = {
    bundled: { bytes: [] as number[], load: [] as number[] },
    runtime: { bytes: [] as number[], load: [] as number[] },
  };
  for (const handler of entries) {
    const shipped = await bundle(handler, "shipped");
    const runtimeSdk = await bundle(handler, "runtime-sdk", RUNTIME_SDK);
    const bundled = { bytes: statSync(shipped).size, load: coldLoad(shipped) };
    const runtime = { bytes: statSync(runtimeSdk).size, load: coldLoad(runtimeSdk) };
    for (const [name, value] of Object.entries({ bundled, runtime })) {
      figures[name as keyof typeof figures].bytes.push(value.bytes);
      figures[name as keyof typeof figures].load.push(value.load);
    }
    rows.push({
      function: handler,
      "bytes (SDK bundled)": bundled.bytes,
      "bytes (runtime SDK)": runtime.bytes,
      [`load ms (SDK bundled, median of ${LOADS})`]: bundled.load,
      [`load ms (runtime SDK, median of ${LOADS})`]: runtime.load,
    });
  }
  console.table(rows);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  console.table(
    Object.entries(figures).map(([name, { bytes, load }]) => ({
      "AWS SDK": name === "bundled" ? "bundled (ships)" : "runtime's (external)",
      "bytes, all functions": sum(bytes),
      "bytes, median function": median(bytes),
      "load ms, median function": median(load),
      "load ms, slowest function": Math.max(...load),
    })),
  );
}
