import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type ContentEncoding, compress } from "#platform/http/compression";

/** What the /docs page loads, each from a file of a package or of ours, under a hashed name. */
const SOURCES = [
  { logical: "swagger-ui-bundle.js", file: "swagger-ui-dist/swagger-ui-bundle.js" },
  { logical: "swagger-ui.css", file: "swagger-ui-dist/swagger-ui.css" },
  { logical: "swagger-init.js", file: new URL("./swagger-init.js", import.meta.url).pathname },
] as const;

export type DocsAssetName = (typeof SOURCES)[number]["logical"];

const TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
};

/**
 * Where a function's Lambda asset carries the assets, precompressed at build time
 * (`infra/docs-assets.ts`): beside the bundle. Absent when running from source.
 */
export const PREBUILT_DIR = "docs-assets";
const MANIFEST = "manifest.json";

/** One asset as a manifest lists it. */
interface ManifestEntry {
  logical: DocsAssetName;
  /** The URL's file name, with a hash of the content: it never changes, so caches keep it. */
  name: string;
  type: string;
  /** The file of each encoding, in the prebuilt folder. */
  files: Partial<Record<ContentEncoding, string>>;
}

/** An asset ready to serve: its bodies by encoding, read or compressed once, on first use. */
export interface DocsAsset {
  logical: DocsAssetName;
  name: string;
  type: string;
  etag: string;
  encodings: readonly ContentEncoding[];
  body: (encoding: ContentEncoding) => Buffer;
}

const contentHash = (bytes: Buffer) =>
  createHash("sha256").update(bytes).digest("hex").slice(0, 16);

/** A source file as served: without its source-map comment, which names a file we do not serve. */
function readSource(file: string): Buffer {
  const path = file.startsWith("/") ? file : createRequire(import.meta.url).resolve(file);
  const text = readFileSync(path, "utf8").replace(/\n\/[/*]# sourceMappingURL=\S+\s*$/, "\n");
  return Buffer.from(text, "utf8");
}

/** Every asset read from the sources, with its hashed name. */
export function readSources() {
  return SOURCES.map(({ logical, file }) => {
    const raw = readSource(file);
    const hash = contentHash(raw);
    const extension = logical.slice(logical.lastIndexOf(".") + 1);
    return {
      logical,
      name: logical.replace(/\.(\w+)$/, `.${hash}.$1`),
      type: TYPES[extension] ?? "application/octet-stream",
      raw,
    };
  });
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

function fromPrebuilt(dir: string): DocsAsset[] {
  const entries = JSON.parse(readFileSync(`${dir}/${MANIFEST}`, "utf8")) as ManifestEntry[];
  return entries.map((entry) => {
    const bodies = new Map<ContentEncoding, () => Buffer>();
    for (const [encoding, file] of Object.entries(entry.files)) {
      bodies.set(
        encoding as ContentEncoding,
        once(() => readFileSync(`${dir}/${file}`)),
      );
    }
    return asset(entry, bodies);
  });
}

function fromSources(): DocsAsset[] {
  return readSources().map((source) => {
    const compressed = once(() => compress(source.raw, false));
    const bodies = new Map<ContentEncoding, () => Buffer>([
      ["identity", () => source.raw],
      ["br", () => compressed().br],
      ["gzip", () => compressed().gzip],
    ]);
    return asset(source, bodies);
  });
}

function asset(
  entry: { logical: DocsAssetName; name: string; type: string },
  bodies: Map<ContentEncoding, () => Buffer>,
): DocsAsset {
  return {
    logical: entry.logical,
    name: entry.name,
    type: entry.type,
    etag: `"${entry.name.split(".").at(-2)}"`,
    encodings: [...bodies.keys()],
    body: (encoding) => {
      const read = bodies.get(encoding) ?? bodies.get("identity");
      if (!read) throw new Error(`${entry.name} has no ${encoding} body`);
      return read();
    },
  };
}

/** The manifest of assets written to a prebuilt folder. */
export function manifestOf(
  sources: ReturnType<typeof readSources>,
  files: (name: string) => Partial<Record<ContentEncoding, string>>,
): string {
  const entries: ManifestEntry[] = sources.map(({ logical, name, type }) => ({
    logical,
    name,
    type,
    files: files(name),
  }));
  return JSON.stringify(entries, null, 2);
}

/** The manifest file's name inside a prebuilt folder. */
export const MANIFEST_FILE = MANIFEST;

/**
 * The /docs assets, by hashed name: from the folder the Lambda asset carries when there is one
 * (precompressed at build time), else from the sources, compressed quickly on first use.
 */
export const docsAssets = once(() => {
  const prebuilt = new URL(`./${PREBUILT_DIR}`, import.meta.url).pathname;
  const list = existsSync(`${prebuilt}/${MANIFEST}`) ? fromPrebuilt(prebuilt) : fromSources();
  return {
    byName: new Map(list.map((item) => [item.name, item])),
    byLogical: new Map(list.map((item) => [item.logical, item])),
  };
});
