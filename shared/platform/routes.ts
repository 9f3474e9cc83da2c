import * as z from "zod";
import { defineRoute } from "../http/route";

export const healthRoute = defineRoute({
  method: "GET",
  path: "/health",
  handler: "platform/health.ts",
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
  tableActions: ["dynamodb:GetItem"],
});

export const openApiRoute = defineRoute({
  method: "GET",
  path: "/openapi.json",
  handler: "platform/openapi.ts",
  access: "public",
  summary: "This API's OpenAPI 3.1 document",
  tags: ["platform"],
  requestExample: {},
  responses: {
    200: {
      description: "The OpenAPI document",
      schema: z.record(z.string(), z.unknown()),
      example: { openapi: "3.1.0", info: { title: "Tombola API", version: "1.0.0" }, paths: {} },
    },
  },
  tableActions: [],
});

export const platformRoutes = [healthRoute, openApiRoute];
