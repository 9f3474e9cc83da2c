import { type BundlingOptions, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import type { BuildOptions } from "esbuild";
import { allFunctions } from "#app/functions";

/**
 * The AWS SDK is bundled, not left to the Lambda runtime's copy: a function runs the very SDK
 * the suite ran (package.json pins it; its timeout and retry behaviour are ours to test), and
 * esbuild keeps only the commands it uses. The benchmark (`npm run bench -- bundles`) compares
 * with the runtime's SDK left external, which is what `RUNTIME_SDK` names.
 */
export const RUNTIME_SDK = ["@aws-sdk/*"];
const target = "node24";
/**
 * Every native module any function loads. Each stays external in every bundle: a domain's door
 * may re-export a module that imports one, and esbuild resolves imports before it drops what a
 * function does not use (package.json `sideEffects: false`). Only functions that name a native
 * module ship it (native-modules.ts); in the others its import went with the unused module.
 */
const NATIVE_MODULES = [
  ...new Set(allFunctions.flatMap((definition) => definition.function.nativeModules ?? [])),
];
const mainFields = ["module", "main"];
// esbuild's ESM output still meets CommonJS dependencies that call require().
const banner =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * How CDK bundles a function: minified ESM with the AWS SDK inside, native modules external
 * (the asset carries those itself, see native-modules.ts).
 */
export const lambdaBundling = (): BundlingOptions => ({
  format: OutputFormat.ESM,
  minify: true,
  target,
  externalModules: NATIVE_MODULES,
  mainFields,
  banner,
  sourceMap: false,
});

/**
 * The same bundling expressed for esbuild directly (the benchmark measures exactly this);
 * `external` adds modules to leave out (the benchmark's runtime-SDK comparison).
 */
export const esbuildOptions = (external: readonly string[] = []): BuildOptions => ({
  bundle: true,
  platform: "node",
  format: "esm",
  minify: true,
  target,
  external: [...external, ...NATIVE_MODULES],
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
