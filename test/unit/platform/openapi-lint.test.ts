import { createConfig, lintFromString } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { apiDocument } from "#app/api-document";

// Redocly's linter (the engine of Redocly CLI), run in-process: no CLI, so no telemetry and no
// update check, and the document has no external reference, so nothing is fetched.
describe("the OpenAPI document, linted", () => {
  it("passes Redocly's recommended-strict rules with no problem", async () => {
    const config = await createConfig({
      extends: ["recommended-strict"],
      // A private deployment's API: there is no licence to state.
      rules: { "info-license": "off" },
    });
    const problems = await lintFromString({
      source: JSON.stringify(apiDocument()),
      absoluteRef: "openapi.json",
      config,
    });
    const found = problems.map(
      (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? "?"}`,
    );
    expect(found).toEqual([]);
  });

  it("catches an example that breaks its schema (the rule is on)", async () => {
    const document = apiDocument() as unknown as {
      paths: Record<
        string,
        Record<
          string,
          { responses: Record<string, { content: Record<string, { example: unknown }> }> }
        >
      >;
    };
    const health = document.paths["/health"]?.get?.responses["200"]?.content["application/json"];
    if (health) health.example = { status: "not ok" };
    const config = await createConfig({ extends: ["recommended-strict"] });
    const problems = await lintFromString({
      source: JSON.stringify(document),
      absoluteRef: "openapi.json",
      config,
    });
    expect(problems.map((p) => p.ruleId)).toContain("no-invalid-media-type-examples");
  });
});
