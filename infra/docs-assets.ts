import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BundlingOptions } from "aws-cdk-lib/aws-lambda-nodejs";
import { MANIFEST_FILE, manifestOf, PREBUILT_DIR, readSources } from "#platform/docs/assets";
import { compress } from "#platform/http/compression";
import { withAfterBundling } from "./bundling";

const PROJECT_ROOT = join(import.meta.dirname, "..");
const CACHE_DIR = join(PROJECT_ROOT, "node_modules/.cache/tombola-docs");
/** Lambda's limit on a response; a binary body travels base64 inside it. */
const LAMBDA_RESPONSE_BYTES = 6 * 1024 * 1024;
/** Room for the headers and the JSON around the body. */
const RESPONSE_MARGIN_BYTES = 64 * 1024;

/** How many bytes a body takes in a Lambda response: base64. */
export const base64Bytes = (bytes: number) => Math.ceil(bytes / 3) * 4;

/** Compressing at brotli's best takes seconds: each result is kept by the hash of its input. */
function compressedOnce(raw: Buffer) {
  const key = createHash("sha256").update(raw).digest("hex");
  const files = { br: join(CACHE_DIR, `${key}.br`), gzip: join(CACHE_DIR, `${key}.gz`) };
  if (!existsSync(files.br) || !existsSync(files.gzip)) {
    const { br, gzip } = compress(raw, true);
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(files.br, br);
    writeFileSync(files.gzip, gzip);
  }
  return { br: readFileSync(files.br), gzip: readFileSync(files.gzip) };
}

/**
 * Writes the /docs assets into `<outputDir>/docs-assets`: each under its hashed name, raw and
 * compressed at the best levels, with the manifest the functions read. Refuses an asset whose
 * raw body would not fit a Lambda response.
 */
export function writeDocsAssets(outputDir: string) {
  const dir = join(outputDir, PREBUILT_DIR);
  mkdirSync(dir, { recursive: true });
  const sources = readSources();
  for (const { name, raw } of sources) {
    if (base64Bytes(raw.length) > LAMBDA_RESPONSE_BYTES - RESPONSE_MARGIN_BYTES) {
      throw new Error(`${name} is too large for a Lambda response (${raw.length} bytes)`);
    }
    const { br, gzip } = compressedOnce(raw);
    writeFileSync(join(dir, name), raw);
    writeFileSync(join(dir, `${name}.br`), br);
    writeFileSync(join(dir, `${name}.gz`), gzip);
  }
  const manifest = manifestOf(sources, (name) => ({
    identity: name,
    br: `${name}.br`,
    gzip: `${name}.gz`,
  }));
  writeFileSync(join(dir, MANIFEST_FILE), manifest);
  return sources;
}

/** A function's bundling, with the /docs assets written beside its bundle once esbuild is done. */
export function withDocsAssets(bundling: BundlingOptions): BundlingOptions {
  return withAfterBundling(
    bundling,
    (input, output) =>
      `node --import tsx "${join(input, "infra/write-docs-assets.ts")}" "${output}"`,
  );
}
