import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { Architecture } from "aws-cdk-lib/aws-lambda";
import type { BundlingOptions } from "aws-cdk-lib/aws-lambda-nodejs";
import { lambdaBundling } from "./bundling";

const PROJECT_ROOT = join(import.meta.dirname, "..");

/**
 * A function that loads a native module runs on x86_64: `npm ci` on the build machines (linux
 * x64) installs exactly that platform's binary, and copying it from node_modules keeps synth
 * offline — no Docker, no download of another platform's build. Every other function stays
 * on arm64, which costs less per millisecond.
 */
export const architectureFor = (nativeModules: readonly string[]) =>
  nativeModules.length > 0 ? Architecture.X86_64 : Architecture.ARM_64;

/** npm's name for the CPU of a Lambda architecture. */
const npmCpu = (architecture: Architecture) =>
  architecture.name === Architecture.ARM_64.name ? "arm64" : "x64";

/** napi-rs ships each binary as its own package; Lambda's Amazon Linux is glibc (`-gnu`). */
export const platformPackage = (name: string, architecture: Architecture) =>
  `${name}-linux-${npmCpu(architecture)}-gnu`;

/** The package folders a function's asset must carry under `node_modules`. */
const nativePackages = (nativeModules: readonly string[], architecture: Architecture) =>
  nativeModules.flatMap((name) => [name, platformPackage(name, architecture)]);

/**
 * How a function is bundled: native modules stay external, and after esbuild has run their
 * packages are copied from the project's node_modules into the asset. Synth fails here, not
 * at run time, when a package is missing (e.g. npm on a Mac skipped the linux x64 binary:
 * `npm install --os=linux --cpu=x64` adds it).
 */
export function bundlingFor(
  nativeModules: readonly string[],
  architecture: Architecture,
): BundlingOptions {
  if (nativeModules.length === 0) return lambdaBundling();
  const packages = nativePackages(nativeModules, architecture);
  for (const name of packages) {
    if (!existsSync(join(PROJECT_ROOT, "node_modules", name, "package.json"))) {
      throw new Error(
        `${name} is not installed: a function needs it for ${architecture.name}. Run \`npm install --os=linux --cpu=${npmCpu(architecture)}\`.`,
      );
    }
  }
  return {
    ...lambdaBundling(),
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir, outputDir) =>
        packages.flatMap((name) => [
          `mkdir -p "${join(outputDir, "node_modules", dirname(name))}"`,
          `cp -R "${join(inputDir, "node_modules", name)}" "${join(outputDir, "node_modules", name)}"`,
        ]),
    },
  };
}
