import { brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { docsAssets, readSources } from "#platform/docs/assets";
import { DOCS_CONTENT_SECURITY_POLICY } from "#platform/docs/page";
import { handler as docsAsset } from "../../../functions/platform/docs-asset";
import { handler as docsPage } from "../../../functions/platform/docs-page";
import { handler as openApi } from "../../../functions/platform/openapi";
import { base64Bytes } from "../../../infra/docs-assets";
import { invoke, lambdaEvent } from "../../support/lambda-event";
import { expectProblem } from "../../support/problem";

const getAsset = (name: string, headers: Record<string, string> = {}) =>
  invoke(docsAsset, { path: `/docs/${name}`, pathParameters: { asset: name }, headers });

describe("GET /docs", () => {
  it("is a page that loads each asset by its hashed name, and nothing inline", async () => {
    const page = await invoke(docsPage, { path: "/docs" });
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["content-security-policy"]).toBe(DOCS_CONTENT_SECURITY_POLICY);
    const html = page.body as string;
    const loaded = [...html.matchAll(/(?:src|href)="docs\/([^"]+)"/g)].map((m) => m[1]);
    expect(loaded.sort()).toEqual([...docsAssets().byName.keys()].sort());
    // Every script has a src and there is no style element or attribute: the CSP allows none.
    expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g)).toBeNull();
    expect(html).not.toMatch(/<style|\sstyle=|\son\w+=/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("answers 304 to a client that holds the current page", async () => {
    const { headers } = await invoke(docsPage, { path: "/docs" });
    const again = await invoke(docsPage, {
      path: "/docs",
      headers: { "if-none-match": headers.etag ?? "" },
    });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    expect(again.headers["cache-control"]).toMatch(/max-age=60/);
  });
});

describe("the page's Content-Security-Policy", () => {
  it("allows this origin alone, no inline script or style, no eval, no framing", () => {
    const directives = Object.fromEntries(
      DOCS_CONTENT_SECURITY_POLICY.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]),
    );
    expect(directives["default-src"]).toEqual(["'none'"]);
    expect(directives["script-src"]).toEqual(["'self'"]);
    expect(directives["style-src"]).toEqual(["'self'"]);
    expect(directives["connect-src"]).toEqual(["'self'"]);
    expect(directives["frame-ancestors"]).toEqual(["'none'"]);
    expect(DOCS_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|https?:|\*/);
  });
});

describe("GET /docs/{asset}", () => {
  const [bundle] = [...docsAssets().byName.values()].filter((a) => a.logical.endsWith("bundle.js"));
  const name = bundle?.name ?? "";

  it("answers brotli, gzip or the raw bytes as the client accepts, cacheable for a year", async () => {
    const raw = await getAsset(name);
    expect(raw.status).toBe(200);
    expect(raw.headers["content-encoding"]).toBeUndefined();
    expect(raw.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(raw.headers.vary).toBe("accept-encoding");
    for (const encoding of ["br", "gzip"]) {
      const response = await getAsset(name, { "accept-encoding": `${encoding}, deflate` });
      expect(response.headers["content-encoding"]).toBe(encoding);
      expect(response.body).toBe(raw.body);
    }
    // The bytes on the wire are the compressed ones.
    const wire = await docsAsset(
      lambdaEvent({
        path: `/docs/${name}`,
        pathParameters: { asset: name },
        headers: { "accept-encoding": "br" },
      }),
      { awsRequestId: "t" },
    );
    const bytes = Buffer.from(wire.body ?? "", "base64");
    expect(bytes.length).toBeLessThan(Buffer.byteLength(raw.body) / 3);
    expect(brotliDecompressSync(bytes).toString()).toBe(raw.body);
  });

  it("answers 304 to a client that holds it", async () => {
    const response = await getAsset(name, { "if-none-match": bundle?.etag ?? "" });
    expect(response.status).toBe(304);
  });

  it("serves an asset under its plain name too, cacheable for a minute only", async () => {
    const plain = await getAsset("swagger-ui-bundle.js");
    expect(plain.status).toBe(200);
    expect(plain.headers.etag).toBe(bundle?.etag);
    expect(plain.headers["cache-control"]).toBe("public, max-age=60, must-revalidate");
  });

  it.each(["swagger-ui", "swagger-ui.0000000000000000.css", "..%2Fpackage.json", "x"])(
    "answers 404 asset_not_found for %s",
    async (unknown) => {
      expectProblem(await getAsset(unknown), 404, "asset_not_found");
    },
  );

  it("keeps every raw asset small enough for one Lambda response, base64 and all", () => {
    for (const { name: file, raw } of readSources()) {
      expect(base64Bytes(raw.length), file).toBeLessThan(6 * 1024 * 1024 - 64 * 1024);
    }
  });
});

describe("GET /openapi.json", () => {
  it("is compressed for a client that accepts it", async () => {
    const plain = await invoke(openApi, { path: "/openapi.json" });
    const br = await invoke(openApi, {
      path: "/openapi.json",
      headers: { "accept-encoding": "br" },
    });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.openapi).toBe("3.1.0");
  });
});
