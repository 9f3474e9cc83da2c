import { execFileSync } from "node:child_process";
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { allFunctions } from "#app/functions";
import { fallbackHandler } from "#app/routes";
import { esbuildOptions } from "../infra/bundling";
import { writeDocsAssets } from "../infra/docs-assets";
import { median } from "./stats";

const OUT_DIR = join(import.meta.dirname, "../node_modules/.cache/tombola-bench");
const LOADS = 7;

// Each load is a fresh process, as a cold start is: the time is that of `import()` alone.
const LOAD_SCRIPT =
  "const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));";

/** Bundle size (as CDK builds it) and cold module-load time of every function. */
export default async function bundles() {
  const entries = [
    ...new Set([...allFunctions.map((definition) => definition.function.handler), fallbackHandler]),
  ];
  const rows = [];
  for (const handler of entries) {
    const outfile = join(OUT_DIR, handler.replace(/\.ts$/, ""), "index.mjs");
    mkdirSync(join(outfile, ".."), { recursive: true });
    const deployment = allFunctions.find((f) => f.function.handler === handler)?.function;
    await build({
      ...esbuildOptions(),
      entryPoints: [join("functions", handler)],
      outfile,
      logLevel: "silent",
    });
    // As CDK's bundling does: the /docs functions carry their assets beside the bundle.
    if (deployment?.docsAssets) writeDocsAssets(join(outfile, ".."));
    const times = Array.from({ length: LOADS }, () =>
      Number(
        execFileSync(process.execPath, ["--input-type=module", "-e", LOAD_SCRIPT, outfile], {
          env: { ...process.env, AWS_REGION: "us-east-1" },
        }),
      ),
    );
    rows.push({
      function: handler,
      "bundle bytes": statSync(outfile).size,
      "load ms (median of 7)": Number(median(times).toFixed(1)),
    });
  }
  console.table(rows);
}
