// `node --import tsx infra/write-docs-assets.ts <dir>`: the /docs functions' bundling step.
import { writeDocsAssets } from "./docs-assets";

const [outputDir] = process.argv.slice(2);
if (!outputDir) throw new Error("Usage: write-docs-assets.ts <function asset folder>");
writeDocsAssets(outputDir);
