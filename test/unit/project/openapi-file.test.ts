import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apiDocument } from "#app/api-document";
import { routes } from "#app/routes";
import { breakingChanges } from "../../../scripts/openapi-breaking";
import { CLIENT_TYPES_FILE, generatedFiles, OPENAPI_FILE } from "../../../scripts/openapi-files";

const document = apiDocument();
type Doc = Parameters<typeof breakingChanges>[0];

describe("openapi.json", () => {
  it("is what the code generates, and so are the client's types (run `npm run openapi`)", async () => {
    const files = await generatedFiles(document);
    expect(JSON.parse(readFileSync(OPENAPI_FILE, "utf8"))).toEqual(document);
    expect(readFileSync(OPENAPI_FILE, "utf8")).toBe(files[OPENAPI_FILE]);
    expect(readFileSync(CLIENT_TYPES_FILE, "utf8")).toBe(files[CLIENT_TYPES_FILE]);
  }, 60_000);

  it("names the schema of every request and response body", () => {
    const schemas = Object.keys(document.components.schemas);
    let bodies = 0;
    for (const route of routes) {
      const operation = (document.paths[route.path] as Record<string, Record<string, unknown>>)[
        route.method.toLowerCase()
      ] as { requestBody?: unknown; responses: Record<string, unknown> };
      const json = [
        operation.requestBody,
        ...Object.entries(operation.responses)
          .filter(([status]) => status.startsWith("2"))
          .map(([, response]) => response),
      ].flatMap((holder) => {
        const schema = (holder as { content?: Record<string, { schema?: { $ref?: string } }> })
          ?.content?.["application/json"]?.schema;
        return schema ? [schema] : [];
      });
      for (const schema of json) {
        bodies++;
        expect(schema.$ref, `${route.method} ${route.path}`).toMatch(/^#\/components\/schemas\//);
        expect(schemas).toContain(schema.$ref?.slice("#/components/schemas/".length));
      }
    }
    expect(bodies).toBeGreaterThan(routes.length);
    // Shared entities go by their own names, not an operation's.
    expect(schemas).toEqual(expect.arrayContaining(["Raffle", "Coupon", "Account", "Transaction"]));
  });

  it("names every domain at the top of the document (the top of /docs)", () => {
    const tags = document.tags.map((tag) => tag.name).filter((tag) => tag !== "platform");
    const description = document.info.description.toLowerCase();
    for (const tag of tags) expect(description, tag).toContain(tag.replace(/s$/, ""));
  });
});

describe("the breaking-change check", () => {
  const before = JSON.parse(readFileSync(OPENAPI_FILE, "utf8")) as Doc;
  const edited = (edit: (doc: Doc) => void) => {
    const copy = structuredClone(before);
    edit(copy);
    return copy;
  };

  it("finds nothing between the committed document and itself", () => {
    expect(breakingChanges(before, before)).toEqual([]);
  });

  it("finds a removed operation, a removed response field, a newly required request field", () => {
    const after = edited((doc) => {
      delete (doc.paths["/v1/raffles/{id}"] as Record<string, unknown>).get;
      const raffle = doc.components.schemas.Raffle as { properties: Record<string, unknown> };
      delete raffle.properties.name;
      const create = doc.components.schemas.RafflesCreateRaffleRequest as { required: string[] };
      create.required.push("seed_hint");
      (create as unknown as { properties: Record<string, unknown> }).properties.seed_hint = {
        type: "string",
      };
    });
    const found = breakingChanges(before, after);
    expect(found).toContain("GET /v1/raffles/{id}: removed");
    expect(found).toContain("POST /v1/raffles 201.name: removed");
    expect(found).toContain("POST /v1/raffles request.seed_hint: new and required");
  });

  it("lets an addition through: a new optional request field, a new response field", () => {
    const after = edited((doc) => {
      const raffle = doc.components.schemas.Raffle as { properties: Record<string, unknown> };
      raffle.properties.colour = { type: "string" };
      const create = doc.components.schemas.RafflesCreateRaffleRequest as {
        properties: Record<string, unknown>;
      };
      create.properties.colour = { type: "string" };
    });
    expect(breakingChanges(before, after)).toEqual([]);
  });
});
