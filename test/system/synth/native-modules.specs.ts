import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { Architecture } from "aws-cdk-lib/aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD_HASHING_MEMORY_MIB } from "#accounts/api/routes";
import { routes } from "#app/routes";
import { compress } from "#platform/http/compression";
import { functionId } from "../../../infra/api-function";
import { platformPackage } from "../../../infra/native-modules";
import { TRACING_MODULE } from "../../../infra/tracing-module";
import { lambdaEvent } from "../../support/lambda-event";
import { synthesizedStack } from "../../support/synthesized-stack";

// Opens each function's asset of the synthesized stack, exactly the folder CDK zips and uploads.
const assets = new Map<string, { dir: string; architecture: string; memory: number }>();

beforeAll(() => {
  const { artifact, outdir } = synthesizedStack();
  const resources = artifact.template.Resources as Record<
    string,
    {
      Type: string;
      Properties: { Code: { S3Key: string }; Architectures: string[]; MemorySize: number };
    }
  >;
  for (const route of routes) {
    const [logicalId, fn] =
      Object.entries(resources).find(
        ([id, resource]) =>
          resource.Type === "AWS::Lambda::Function" &&
          id.startsWith(`${functionId(route.function.handler)}Function`),
      ) ?? [];
    if (!logicalId || !fn) throw new Error(`No function for ${route.function.handler}`);
    const hash = fn.Properties.Code.S3Key.replace(/\.zip$/, "");
    // The default synthesizer stages each file asset as `asset.<hash>` beside the template.
    const dir = join(outdir, `asset.${hash}`);
    if (!existsSync(dir)) throw new Error(`No asset for ${route.function.handler}`);
    assets.set(route.function.handler, {
      dir,
      architecture: fn.Properties.Architectures[0] ?? "x86_64",
      memory: fn.Properties.MemorySize,
    });
  }
}, 180_000);

afterAll(() => synthesizedStack().remove());

/** ELF e_machine of a shared object: 0x3E x86-64, 0xB7 aarch64. */
function elfMachine(file: string): number {
  const header = readFileSync(file).subarray(0, 20);
  expect(header.subarray(0, 4).toString("latin1")).toBe("\x7fELF");
  expect(header[5]).toBe(1); // little-endian
  return header.readUInt16LE(18);
}

const E_MACHINE: Record<string, number> = { x86_64: 0x3e, arm64: 0xb7 };
const native = routes.filter((route) => (route.function.nativeModules ?? []).length > 0);
const plain = routes.filter((route) => (route.function.nativeModules ?? []).length === 0);

describe("native modules in the synthesized assets", () => {
  it("are declared by the password-hashing functions only", () => {
    expect(native.map((route) => route.function.handler).sort()).toEqual([
      "accounts/log-in.ts",
      "accounts/register.ts",
      "accounts/update-me.ts",
    ]);
  });

  it("gives the password-hashing functions one full vCPU of memory", () => {
    for (const route of native)
      expect(assets.get(route.function.handler)?.memory).toBe(PASSWORD_HASHING_MEMORY_MIB);
  });

  it.each(native.map((route) => [route.function.handler, route] as const))(
    "%s carries the binding and a binary for its architecture, outside the bundle",
    (handler, route) => {
      const { dir, architecture } = assets.get(handler) ?? { dir: "", architecture: "" };
      const bundle = readFileSync(join(dir, "index.mjs"), "utf8");
      for (const name of route.function.nativeModules ?? []) {
        expect(loadsModule(bundle, name)).toBe(true);
        expect(existsSync(join(dir, "node_modules", name, "package.json"))).toBe(true);
        const binaryDir = join(dir, "node_modules", platformPackage(name, archOf(architecture)));
        const binaries = readdirSync(binaryDir).filter((file) => file.endsWith(".node"));
        expect(binaries).toHaveLength(1);
        expect(elfMachine(join(binaryDir, binaries[0] as string))).toBe(E_MACHINE[architecture]);
      }
    },
  );

  it.each(plain.map((route) => [route.function.handler] as const))(
    "%s carries no native module and never mentions argon2",
    (handler) => {
      const { dir, architecture } = assets.get(handler) ?? { dir: "", architecture: "" };
      // The /docs functions carry their page's assets too (checked below); every function the
      // tracer, loaded only when tracing is on; nothing else.
      expect(readdirSync(dir).filter((file) => file !== "docs-assets")).toEqual([
        "index.mjs",
        TRACING_MODULE,
      ]);
      // The route table names the module as a string; only an import or require would load it.
      const bundle = readFileSync(join(dir, "index.mjs"), "utf8");
      expect(loadsModule(bundle, "@node-rs/argon2")).toBe(false);
      // No quoted file name of a native binary (the bundled SDK has words like `this.nodes`).
      expect(/["'`][^"'`\s]*\.node["'`]/.test(bundle)).toBe(false);
      expect(architecture).toBe("arm64");
    },
  );

  it.skipIf(process.arch !== "x64" || process.platform !== "linux")(
    "loads argon2 from the asset alone and hashes with it",
    () => {
      const route = native[0];
      const copy = mkdtempSync(join(tmpdir(), "tombola-asset-"));
      try {
        // Outside the repository, so the project's own node_modules cannot be found instead.
        cpSync(assets.get(route?.function.handler ?? "")?.dir ?? "", copy, { recursive: true });
        const output = execFileSync(
          process.execPath,
          [
            "--input-type=module",
            "-e",
            "import { hash } from '@node-rs/argon2'; process.stdout.write(await hash('x'.repeat(8), { memoryCost: 19456, timeCost: 2, parallelism: 1 }));",
          ],
          { cwd: copy, encoding: "utf8" },
        );
        expect(output).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    },
  );
});

/** Whether a bundle imports or requires `name` (left external) rather than merely naming it. */
function loadsModule(bundle: string, name: string): boolean {
  const quoted = `["']${name.replace(/[/]/g, "\\/")}["']`;
  return new RegExp(`from\\s*${quoted}|import\\(\\s*${quoted}|require\\(\\s*${quoted}`).test(
    bundle,
  );
}

/** The real Architecture behind a template's name for it. */
function archOf(name: string): Architecture {
  const architecture = [Architecture.X86_64, Architecture.ARM_64].find((a) => a.name === name);
  if (!architecture) throw new Error(`Unknown architecture ${name}`);
  return architecture;
}

describe("the /docs functions' assets", () => {
  const docs = routes.filter((route) => route.function.docsAssets);

  it("are carried, precompressed, by the two /docs functions only", () => {
    expect(docs.map((route) => route.function.handler).sort()).toEqual([
      "platform/docs-asset.ts",
      "platform/docs-page.ts",
    ]);
    for (const route of routes) {
      const dir = join(assets.get(route.function.handler)?.dir ?? "", "docs-assets");
      expect(existsSync(join(dir, "manifest.json")), route.function.handler).toBe(
        Boolean(route.function.docsAssets),
      );
    }
  });

  it("are served from the asset alone, brotli at its best level", async () => {
    const copy = mkdtempSync(join(tmpdir(), "tombola-docs-"));
    try {
      // Outside the repository: the bundle cannot fall back on node_modules or the sources.
      cpSync(assets.get("platform/docs-asset.ts")?.dir ?? "", copy, { recursive: true });
      const manifest = JSON.parse(readFileSync(join(copy, "docs-assets/manifest.json"), "utf8"));
      const bundleJs = manifest.find(
        (a: { logical: string }) => a.logical === "swagger-ui-bundle.js",
      );
      const { handler } = await import(join(copy, "index.mjs"));
      const response = await handler(
        lambdaEvent({
          path: `/docs/${bundleJs.name}`,
          pathParameters: { asset: bundleJs.name },
          headers: { "accept-encoding": "gzip, br" },
        }),
        { awsRequestId: "synth" },
      );
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-encoding"]).toBe("br");
      const body = Buffer.from(response.body, "base64");
      expect(body.equals(readFileSync(join(copy, "docs-assets", bundleJs.files.br)))).toBe(true);
      const raw = readFileSync(join(copy, "docs-assets", bundleJs.name));
      expect(brotliDecompressSync(body).equals(raw)).toBe(true);
      // Quality 11 (the build's), not the quick level used when running from the sources.
      expect(body.length).toBeLessThan(compress(raw, false).br.length);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
