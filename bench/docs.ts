import { mkdirSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { build } from "esbuild";
import { routes } from "#app/routes";
import { readSources } from "#platform/docs/assets";
import { compress } from "#platform/http/compression";
import { esbuildOptions } from "../infra/bundling";
import { base64Bytes } from "../infra/docs-assets";
import { createGateway } from "../infra/local/gateway";
import { launchChromium, loadDocsPage } from "../test/support/docs-browser";
import { median } from "./stats";

const OUT_DIR = join(import.meta.dirname, "../node_modules/.cache/tombola-bench");
const LOADS = 5;

/** The /docs functions' bundles, their assets raw and compressed, and the page in Chromium. */
export default async function docs() {
  const bundles = [];
  for (const route of routes.filter((r) => r.function.docsAssets)) {
    const outfile = join(OUT_DIR, route.function.handler.replace(/\.ts$/, ""), "index.mjs");
    mkdirSync(join(outfile, ".."), { recursive: true });
    await build({
      ...esbuildOptions(),
      entryPoints: [join("functions", route.function.handler)],
      outfile,
      logLevel: "silent",
    });
    bundles.push({ function: route.function.handler, "bundle bytes": statSync(outfile).size });
  }
  console.table(bundles);

  // As synth writes them into the functions' assets: brotli 11, gzip 9.
  const assets = readSources().map(({ name, raw }) => {
    const { br, gzip } = compress(raw, true);
    return {
      asset: name,
      raw: raw.length,
      "gzip -9": gzip.length,
      "br 11": br.length,
      "raw as base64 (Lambda payload)": base64Bytes(raw.length),
    };
  });
  console.table(assets);
  const sum = (key: keyof (typeof assets)[number]) =>
    assets.reduce((total, row) => total + Number(row[key]), 0);
  console.log(`assets in all: raw ${sum("raw")}, gzip ${sum("gzip -9")}, br ${sum("br 11")} bytes`);

  const server = createGateway();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  try {
    const loads = [];
    for (let i = 0; i < LOADS; i++) {
      const { page, load, requests } = await loadDocsPage(browser, origin, routes.length);
      // The same page again in the same browser: the hashed assets come from its cache.
      await page.reload();
      await page.waitForSelector(".opblock");
      const warm = (await requests()).slice(load.requests.length);
      loads.push({ ms: load.loadMs, cold: load.requests, warm });
      await page.context().close();
    }
    const transferred = (list: { transferredBytes: number }[] = []) =>
      list.reduce((total, r) => total + r.transferredBytes, 0);
    const [sample] = loads;
    const encodings = [...new Set(sample?.cold.map((r) => r.contentEncoding).filter(Boolean))];
    console.log(
      `/docs in headless Chromium on the local gateway (assets compressed from the sources at the quick level): ${sample?.cold.length} requests, ${transferred(sample?.cold)} bytes transferred (${encodings.join(", ")}); a reload transfers ${transferred(sample?.warm)} bytes; until every operation is listed: median of ${LOADS} cold loads ${Math.round(median(loads.map((l) => l.ms)))} ms (first ${Math.round(loads[0]?.ms ?? 0)} ms)`,
    );
    console.table(
      (sample?.cold ?? []).map((r) => ({
        request: new URL(r.url).pathname,
        status: r.status,
        encoding: r.contentEncoding ?? "",
        "bytes transferred": r.transferredBytes,
      })),
    );
  } finally {
    await browser.close();
    server.close();
  }
}
