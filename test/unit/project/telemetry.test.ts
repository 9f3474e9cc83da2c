import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const json = (file: string) => JSON.parse(readFileSync(file, "utf8"));

describe("no telemetry by default", () => {
  it("opts out of Scarf (swagger-ui-dist's install analytics) and runs none of its scripts", () => {
    const pkg = json("package.json");
    expect(pkg.scarfSettings).toEqual({ enabled: false });
    expect(pkg.allowScripts["@scarf/scarf"]).toBe(false);
  });

  it("turns the CDK CLI's telemetry off for this app", () => {
    expect(json("cdk.json").context["cli-telemetry"]).toBe(false);
  });

  it("says both in the README", () => {
    const readme = readFileSync("README.md", "utf8");
    expect(readme).toContain("scarfSettings.enabled: false");
    expect(readme).toContain('"cli-telemetry": false');
  });
});
