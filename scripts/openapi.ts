// `npm run openapi`: writes the OpenAPI document the code generates to openapi.json at the
// repository root (the file API consumers review, diff and generate clients from), and the
// typed client's types (clients/typescript/src/schema.d.ts). test/unit/project/openapi-file.test.ts
// fails when either differs from what the code generates.
//
// Before overwriting, it compares the new document with the committed one: a change that breaks
// a client of the committed document is written only when `info.version`'s major (apiInfo in
// shared/app/api-document.ts) is raised, which is how a release acknowledges the break.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { apiDocument } from "#app/api-document";
import { breakingChanges, majorOf } from "./openapi-breaking";
import { generatedFiles, OPENAPI_FILE } from "./openapi-files";

const next = apiDocument();

if (existsSync(OPENAPI_FILE)) {
  const committed = JSON.parse(readFileSync(OPENAPI_FILE, "utf8"));
  const breaking = breakingChanges(committed, next as never);
  const acknowledged = majorOf(next.info.version) > majorOf(committed.info.version);
  if (breaking.length > 0 && !acknowledged) {
    console.error(
      `${OPENAPI_FILE} not written: ${breaking.length} change(s) break clients of the committed document, and info.version (${next.info.version}) keeps its major:`,
    );
    for (const change of breaking) console.error(`  - ${change}`);
    console.error(
      "Undo them, or raise the major of apiInfo.version in shared/app/api-document.ts to release them.",
    );
    process.exit(1);
  }
  if (breaking.length > 0) {
    console.log(`${breaking.length} breaking change(s), released by ${next.info.version}`);
  }
}
for (const [path, text] of Object.entries(await generatedFiles(next))) {
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}
