import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** The bodies an asset is kept in. */
export type ContentEncoding = "br" | "gzip" | "identity";

/** Preferred first: brotli is the smallest, gzip what every client reads. */
const PREFERENCE: readonly ContentEncoding[] = ["br", "gzip", "identity"];

/**
 * The encoding to answer with, by RFC 9110's `Accept-Encoding`: the most preferred of those the
 * client accepts (q > 0) and the asset has. `identity` is acceptable unless refused outright.
 */
export function chooseEncoding(
  acceptEncoding: string | undefined,
  available: readonly ContentEncoding[],
): ContentEncoding {
  const weights = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [token = "", ...params] = part.trim().toLowerCase().split(";");
    if (!token) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(token.trim(), Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (encoding: ContentEncoding) =>
    weights.get(encoding) ?? weights.get("*") ?? (encoding === "identity" ? 1 : 0);
  for (const encoding of PREFERENCE) {
    if (available.includes(encoding) && weightOf(encoding) > 0) return encoding;
  }
  return "identity";
}

/** The brotli and gzip bodies of `raw`; `best` is slow (seconds for a megabyte): build time. */
export function compress(raw: Buffer, best: boolean): Record<"br" | "gzip", Buffer> {
  return {
    br: brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: best ? 11 : 5,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
    gzip: gzipSync(raw, { level: best ? 9 : 6 }),
  };
}
