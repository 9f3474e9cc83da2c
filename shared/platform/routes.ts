import * as z from "zod";
import { defineRoute } from "../http/route";

export const healthRoute = defineRoute({
  method: "GET",
  path: "/health",
  handler: "platform/health.ts",
  access: "public",
  summary: "Whether the service can reach its table",
  tags: ["platform"],
  responses: { 200: { description: "Healthy", schema: z.object({ status: z.literal("ok") }) } },
  errors: [{ status: 503, code: "unavailable" }],
  tableActions: ["dynamodb:GetItem"],
});

export const openApiRoute = defineRoute({
  method: "GET",
  path: "/openapi.json",
  handler: "platform/openapi.ts",
  access: "public",
  summary: "This API's OpenAPI 3.1 document",
  tags: ["platform"],
  responses: {
    200: { description: "The OpenAPI document", schema: z.record(z.string(), z.unknown()) },
  },
  tableActions: [],
});

export const platformRoutes = [healthRoute, openApiRoute];
