import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { allFunctions } from "#app/functions";
import { routes } from "#app/routes";
import { getRaffleRoute } from "#raffles/api/routes";
import { functionId } from "../../../infra/api-function";
import { TRACING_MODULE } from "../../../infra/tracing-module";
import { synthesizedStack } from "../../support/synthesized-stack";

// The AWS SDK ships inside each bundle (infra/bundling.ts): Lambda runs the version the suite
// ran, not its runtime's. These open the staged assets, exactly the folders CDK zips.
const bundles = new Map<string, string>();
/** A bundle stays well under this: esbuild keeps only the clients and commands it sends. */
const MAX_BUNDLE_BYTES = 1024 * 1024;

beforeAll(() => {
  const { artifact, outdir } = synthesizedStack();
  const resources = artifact.template.Resources as Record<
    string,
    { Type: string; Properties: { Code?: { S3Key?: string } } }
  >;
  for (const [logicalId, resource] of Object.entries(resources)) {
    const key = resource.Properties?.Code?.S3Key;
    if (resource.Type !== "AWS::Lambda::Function" || !key) continue;
    const dir = join(outdir, `asset.${key.replace(/\.zip$/, "")}`);
    if (existsSync(join(dir, "index.mjs"))) bundles.set(logicalId, dir);
  }
}, 300_000);

/**
 * Every module a bundle leaves for run time (import, dynamic import or require), as esbuild
 * itself parses it: the SDK's error messages quote `require("@aws-sdk/…")`, code does not.
 */
function externalImports(file: string): string[] {
  const { metafile } = buildSync({
    entryPoints: [file],
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "silent",
  });
  return Object.values(metafile.inputs).flatMap((input) =>
    input.imports.filter((entry) => entry.external).map((entry) => entry.path),
  );
}
const isSdk = (module: string) => /^@(aws-sdk|smithy)\//.test(module);

const bundleOf = (handler: string) => {
  const entry = [...bundles].find(([id]) => id.startsWith(`${functionId(handler)}Function`));
  if (!entry) throw new Error(`No asset for ${handler}`);
  return entry[1];
};

describe("the AWS SDK in the synthesized assets", () => {
  it("is bundled into every function and its tracer module, never loaded from outside", () => {
    // Every function of ours, plus the $default fallback.
    expect(bundles.size).toBe(allFunctions.length + 1);
    for (const [id, dir] of bundles) {
      for (const file of ["index.mjs", TRACING_MODULE]) {
        const external = externalImports(join(dir, file));
        // The parse sees what is left external: Node's own modules, at least (the banner's).
        expect(external, `${id} ${file}`).toContain("node:module");
        expect(external.filter(isSdk), `${id} ${file}`).toEqual([]);
      }
      expect(existsSync(join(dir, "node_modules", "@aws-sdk")), id).toBe(false);
      expect(statSync(join(dir, "index.mjs")).size, id).toBeLessThan(MAX_BUNDLE_BYTES);
    }
  });

  it("is tree-shaken: only the SMS sender carries the SMS client, only hash-key users Secrets Manager", () => {
    const managerHandlers = new Set(
      routes.filter((route) => route.access === "manager").map((route) => route.function.handler),
    );
    for (const definition of allFunctions) {
      const { handler, usesHashKey } = definition.function;
      // A manager route checks the operator key, a keyed hash: it reads the hashing key too.
      const readsHashKey = Boolean(usesHashKey) || managerHandlers.has(handler);
      const code = readFileSync(join(bundleOf(handler), "index.mjs"), "utf8");
      expect(code.includes("SendTextMessage"), handler).toBe(
        handler === "notifications/send-sms.ts",
      );
      expect(code.includes("GetSecretValue"), handler).toBe(readsHashKey);
    }
  });

  it("answers a request from the asset alone, against DynamoDB Local, with its request id", () => {
    const copy = mkdtempSync(join(tmpdir(), "tombola-sdk-"));
    try {
      // Outside the repository: no node_modules to fall back on, so the SDK is the bundle's.
      cpSync(bundleOf(getRaffleRoute.function.handler), copy, { recursive: true });
      expect(readdirSync(copy)).not.toContain("node_modules");
      const id = getRaffleRoute.requestExample?.params?.id as string;
      const script = `
        const { handler } = await import("./index.mjs");
        const event = {
          version: "2.0", routeKey: "GET /v1/raffles/{id}", rawPath: "/v1/raffles/${id}",
          rawQueryString: "", headers: {}, pathParameters: { id: "${id}" },
          requestContext: { requestId: "gateway-id", http: { method: "GET", path: "/v1/raffles/${id}", sourceIp: "203.0.113.10" } },
          isBase64Encoded: false,
        };
        const response = await handler(event, { awsRequestId: "lambda-request-id" });
        process.stdout.write(JSON.stringify(response));
      `;
      const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
        cwd: copy,
        encoding: "utf8",
        env: { ...process.env, POWERTOOLS_LOG_LEVEL: "SILENT" },
      });
      const response = JSON.parse(output) as {
        statusCode: number;
        headers: Record<string, string>;
      };
      // The table is this file's own and empty: the SDK's GetItem reached it and found nothing.
      expect(response.statusCode).toBe(404);
      // What a client sees as X-Request-Id, and the access logs' lambdaRequestId.
      expect(response.headers["x-request-id"]).toBe("lambda-request-id");
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
