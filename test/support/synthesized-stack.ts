import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Aspects } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { CloudFormationStackArtifact } from "aws-cdk-lib/cx-api";
import { AwsSolutionsChecks } from "cdk-nag";
import { TombolaStack } from "../../infra/stack";

/** The real stack, synthesized with cdk-nag's checks into a directory of its own. */
export interface SynthesizedStack {
  stack: TombolaStack;
  template: Template;
  artifact: CloudFormationStackArtifact;
  /** Where the assets are staged (`asset.<hash>`), exactly the folders CDK zips and uploads. */
  outdir: string;
  remove(): void;
}

let synthesized: SynthesizedStack | undefined;

/**
 * Synthesizing bundles every function (a minute on a loaded 2-core machine), so the synth specs
 * share one synthesis: they run in one file (test/system/synth/synth.test.ts) and call this.
 */
export function synthesizedStack(): SynthesizedStack {
  if (synthesized) return synthesized;
  const outdir = mkdtempSync(join(tmpdir(), "tombola-synth-"));
  const app = new App({ outdir });
  const stack = new TombolaStack(app, "Test");
  Aspects.of(stack).add(new AwsSolutionsChecks());
  const artifact = app.synth().getStackArtifact(stack.artifactId);
  synthesized = {
    stack,
    template: Template.fromStack(stack),
    artifact,
    outdir,
    remove: () => rmSync(outdir, { recursive: true, force: true }),
  };
  return synthesized;
}
