import { type BundlingOptions, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import type { BuildOptions } from "esbuild";

// The Lambda runtime ships the AWS SDK v3; bundling our own copy would only add cold-start time.
const external = ["@aws-sdk/*"];
const target = "node24";
// esbuild's ESM output still meets CommonJS dependencies that call require().
const banner =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** How every function is bundled by CDK: minified ESM, AWS SDK external. */
export const lambdaBundling: BundlingOptions = {
  format: OutputFormat.ESM,
  minify: true,
  target,
  externalModules: external,
  mainFields: ["module", "main"],
  banner,
  sourceMap: false,
};

/** The same bundling expressed for esbuild directly (the benchmark measures exactly this). */
export const esbuildOptions: BuildOptions = {
  bundle: true,
  platform: "node",
  format: "esm",
  minify: true,
  target,
  external,
  mainFields: ["module", "main"],
  banner: { js: banner },
};
