import { type BundlingOptions, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import type { BuildOptions } from "esbuild";

// The Lambda runtime ships the AWS SDK v3; bundling our own copy would only add cold-start time.
const AWS_SDK = ["@aws-sdk/*"];
const target = "node24";
const mainFields = ["module", "main"];
// esbuild's ESM output still meets CommonJS dependencies that call require().
const banner =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * How CDK bundles a function: minified ESM, the AWS SDK and any native modules external (the
 * asset carries those itself, see native-modules.ts).
 */
export const lambdaBundling = (nativeModules: readonly string[] = []): BundlingOptions => ({
  format: OutputFormat.ESM,
  minify: true,
  target,
  externalModules: [...AWS_SDK, ...nativeModules],
  mainFields,
  banner,
  sourceMap: false,
});

/** The same bundling expressed for esbuild directly (the benchmark measures exactly this). */
export const esbuildOptions = (nativeModules: readonly string[] = []): BuildOptions => ({
  bundle: true,
  platform: "node",
  format: "esm",
  minify: true,
  target,
  external: [...AWS_SDK, ...nativeModules],
  mainFields,
  banner: { js: banner },
});

/** `bundling` with `command(input, output)` run once esbuild is done, after its own hooks. */
export function withAfterBundling(
  bundling: BundlingOptions,
  command: (inputDir: string, outputDir: string) => string,
): BundlingOptions {
  const hooks = bundling.commandHooks;
  return {
    ...bundling,
    commandHooks: {
      beforeBundling: (input, output) => hooks?.beforeBundling(input, output) ?? [],
      beforeInstall: (input, output) => hooks?.beforeInstall(input, output) ?? [],
      afterBundling: (input, output) => [
        ...(hooks?.afterBundling(input, output) ?? []),
        command(input, output),
      ],
    },
  };
}
