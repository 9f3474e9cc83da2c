import * as z from "zod";
import { type DocsAssetName, docsAssets } from "#platform/docs/assets";
import { defineRoute } from "#platform/function-definitions";
import { pathId } from "#platform/http/path-id";

const acceptEncoding = z
  .string()
  .optional()
  .describe("`br` or `gzip` get the body compressed, e.g. `br, gzip`");
const ifNoneMatch = z
  .string()
  .optional()
  .describe("An `ETag` the client holds: 304 with no body while it is current");

export const healthRoute = defineRoute({
  method: "GET",
  path: "/health",
  access: "public",
  summary: "Whether the service can reach its table",
  tags: ["platform"],
  requestExample: {},
  responses: {
    200: {
      description: "Healthy",
      schema: z.object({ status: z.literal("ok") }),
      example: { status: "ok" },
    },
  },
  errors: [{ status: 503, code: "unavailable", description: "The table cannot be reached" }],
  function: {
    handler: "platform/health.ts",
    tableActions: ["dynamodb:GetItem"],
  },
});

export const openApiRoute = defineRoute({
  method: "GET",
  path: "/openapi.json",
  access: "public",
  summary: "This API's OpenAPI 3.1 document",
  tags: ["platform"],
  headers: z.object({ "Accept-Encoding": acceptEncoding }),
  requestExample: {},
  responses: {
    200: {
      description: "The OpenAPI document, brotli- or gzip-compressed as the client accepts",
      headers: ["Vary", "Content-Encoding"],
      schema: z.record(z.string(), z.unknown()),
      example: { openapi: "3.1.0", info: { title: "Tombola API", version: "1.0.0" }, paths: {} },
    },
  },
  function: {
    handler: "platform/openapi.ts",
    tableActions: [],
  },
});

export const docsPageRoute = defineRoute({
  method: "GET",
  path: "/docs",
  access: "public",
  summary: 'This reference as an interactive page (Swagger UI), with "try it"',
  tags: ["platform"],
  headers: z.object({ "If-None-Match": ifNoneMatch }),
  requestExample: {},
  responses: {
    200: {
      description: "The page; its scripts and styles come from this API alone",
      contentType: "text/html",
      headers: ["Content-Security-Policy", "Cache-Control", "ETag"],
    },
    304: {
      description: "The page the client holds is current",
      headers: ["ETag", "Cache-Control"],
    },
  },
  function: {
    handler: "platform/docs-page.ts",
    tableActions: [],
    docsAssets: true,
  },
});

export const docsAssetRoute = defineRoute({
  method: "GET",
  path: "/docs/{asset}",
  access: "public",
  summary: "A script or style of the /docs page, by its content-hashed name or its plain one",
  tags: ["platform"],
  params: z.strictObject({
    // The page loads each asset under a name with its content's hash, which never changes;
    // the plain name (`swagger-ui.css`) stays valid across deployments, for a short time each.
    asset: pathId("asset", "swagger-ui.css", (name) => {
      const { byName, byLogical } = docsAssets();
      const hashed = byName.get(name);
      const asset = hashed ?? byLogical.get(name as DocsAssetName);
      return asset && { asset, immutable: hashed !== undefined };
    }),
  }),
  headers: z.object({ "Accept-Encoding": acceptEncoding, "If-None-Match": ifNoneMatch }),
  requestExample: { params: { asset: "swagger-ui.css" } },
  responses: {
    200: {
      description:
        "The asset, brotli- or gzip-compressed as the client accepts; cacheable for a year under its hashed name",
      contentType: ["text/javascript", "text/css"],
      headers: ["Cache-Control", "ETag", "Vary", "Content-Encoding"],
    },
    304: {
      description: "The asset the client holds is current",
      headers: ["ETag", "Cache-Control"],
    },
  },
  function: {
    handler: "platform/docs-asset.ts",
    tableActions: [],
    docsAssets: true,
  },
});

export const platformRoutes = [healthRoute, openApiRoute, docsPageRoute, docsAssetRoute];
