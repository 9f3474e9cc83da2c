import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Aspects } from "aws-cdk-lib";
import { Annotations, Match, Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TombolaStack } from "../../../infra/stack";
import { serviceNameFor, stackNameFor, stageOf } from "../../../infra/stage";
import { sectionOf } from "../../support/markdown";

// One synth for this file (a slow step on a small machine): the stage `dev`. The stage-less
// stack is synthesized once by stack.test.ts; its parameters are the same (checked below by name).
const STAGE = "dev";
let stack: TombolaStack;
let template: Template;
type Parameter = {
  Type: string;
  Default?: string;
  AllowedPattern?: string;
  AllowedValues?: string[];
};
let parameters: Record<string, Parameter>;

beforeAll(() => {
  const app = new App({ context: { stage: STAGE } });
  stack = new TombolaStack(app, stackNameFor(stageOf(app)));
  Aspects.of(stack).add(new AwsSolutionsChecks());
  template = Template.fromStack(stack);
  const { BootstrapVersion: _, ...ours } = template.toJSON().Parameters as Record<
    string,
    Parameter
  >;
  parameters = ours;
}, 300_000);

/** Whether CloudFormation takes this value for this parameter. */
const accepts = (parameter: Parameter, value: string) =>
  (parameter.AllowedPattern === undefined || new RegExp(parameter.AllowedPattern).test(value)) &&
  (parameter.AllowedValues === undefined || parameter.AllowedValues.includes(value));

/** A value for every parameter, as an operator who sets them all would give. */
const everyParameter: Record<string, string> = {
  ManagerCidrs: "203.0.113.0/24,2001:db8::/48",
  ManagerKeys: "off",
  Currency: "EUR",
  AlarmEmail: "oncall@example.com",
  Tracing: "Active",
  SmsOriginationIdentityArn: "arn:aws:sms-voice:eu-west-1:123456789012:phone-number/phone-abc",
  SmsConfigurationSetName: "tombola-dev",
};

/** The rows of operations.md's table of stack parameters: name → default cell. */
function documentedParameters(): Map<string, string> {
  const section = sectionOf(readFileSync("docs/operations.md", "utf8"), "stack-parameters") ?? "";
  const rows = section
    .split("\n")
    .filter((line) => /^\| `/.test(line))
    .map((line) => line.split(/(?<!\\)\|/).map((cell) => cell.trim()));
  return new Map(
    rows.map((cells) => [(cells[1] as string).replaceAll("`", ""), cells[3] as string]),
  );
}

describe("a first deploy", () => {
  it("needs no parameter but what has a default CloudFormation accepts (no SMS identity needed)", () => {
    for (const [name, parameter] of Object.entries(parameters)) {
      expect(parameter.Default, name).toBeDefined();
      expect(accepts(parameter, parameter.Default as string), name).toBe(true);
    }
    expect(parameters.SmsOriginationIdentityArn?.Default).toBe("");
  });

  it("takes a value for every parameter, and refuses a malformed SMS identity", () => {
    expect(Object.keys(everyParameter).sort()).toEqual(Object.keys(parameters).sort());
    for (const [name, value] of Object.entries(everyParameter)) {
      expect(accepts(parameters[name] as Parameter, value), name).toBe(true);
    }
    expect(accepts(parameters.SmsOriginationIdentityArn as Parameter, "phone-abc")).toBe(false);
  });

  it("documents every parameter, and only those, with its default, in operations.md", () => {
    const documented = documentedParameters();
    expect([...documented.keys()].sort()).toEqual(Object.keys(parameters).sort());
    for (const [name, parameter] of Object.entries(parameters)) {
      const cell = documented.get(name) as string;
      if (parameter.Default === "") expect(cell, name).toMatch(/^empty/);
      else expect(cell, name).toContain(`\`${parameter.Default}\``);
    }
  });

  it("turns SMS off without an identity: the consumer runs disabled and may send nothing", () => {
    const json = template.toJSON();
    expect(json.Conditions.HasSmsOriginationIdentity).toEqual({
      "Fn::Not": [{ "Fn::Equals": [{ Ref: "SmsOriginationIdentityArn" }, ""] }],
    });
    const sending = Object.values(json.Resources as Record<string, Record<string, unknown>>).filter(
      (resource) =>
        resource.Type === "AWS::IAM::Policy" && JSON.stringify(resource).includes("sms-voice:"),
    );
    expect(sending).toHaveLength(1);
    expect(sending[0]?.Condition).toBe("HasSmsOriginationIdentity");
    const providers = Object.values(template.findResources("AWS::Lambda::Function"))
      .map((fn) => fn.Properties.Environment?.Variables?.SMS_PROVIDER)
      .filter((provider) => provider !== undefined);
    expect(providers).toEqual([{ "Fn::If": ["HasSmsOriginationIdentity", "aws", "disabled"] }]);
  });

  it("passes cdk-nag's AwsSolutions checks for a stage too", () => {
    const findings = [
      ...Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")),
      ...Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")),
    ];
    expect(findings.map((finding) => finding.entry.data)).toEqual([]);
  });
});

describe("a stage", () => {
  it("names the stack, and refuses a malformed stage", () => {
    expect(stack.stackName).toBe("Tombola-dev");
    expect(stackNameFor(undefined)).toBe("Tombola");
    expect(() => stageOf(new App({ context: { stage: "Prod!" } }))).toThrow(/stage must match/);
    expect(stageOf(new App({ context: { stage: "" } }))).toBeUndefined();
  });

  it("fixes no resource name, so two stages live in one account", () => {
    const named =
      /^(TableName|FunctionName|RoleName|LogGroupName|TopicName|QueueName|DashboardName|AlarmName|Name|ApiName|RuleName|PolicyName)$/;
    const fixed: string[] = [];
    for (const [id, resource] of Object.entries(
      template.toJSON().Resources as Record<string, { Type: string; Properties?: object }>,
    )) {
      for (const [key, value] of Object.entries(resource.Properties ?? {})) {
        // A name the stack derives from its own name (or a stage's) is fine; a literal is not.
        if (named.test(key) && typeof value === "string" && !value.includes(STAGE)) {
          if (!(resource.Type === "AWS::IAM::Policy" && key === "PolicyName"))
            fixed.push(`${id}.${key}`);
        }
      }
    }
    expect(fixed).toEqual([]);
  });

  it("publishes, alarms on and draws only its own service's metrics", () => {
    const service = serviceNameFor(STAGE);
    for (const fn of Object.values(template.findResources("AWS::Lambda::Function"))) {
      expect(fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe(service);
    }
    const body = JSON.stringify(template.findResources("AWS::CloudWatch::Dashboard"));
    expect(body).toContain(`service=\\\\\\"${service}\\\\\\"`);
    expect(body).not.toContain('service=\\\\\\"tombola\\\\\\"');
    const ours = Object.values(template.findResources("AWS::CloudWatch::Alarm")).filter(
      (alarm) => alarm.Properties.Namespace === "Tombola",
    );
    expect(ours.length).toBeGreaterThan(0);
    for (const alarm of ours) {
      expect(alarm.Properties.Dimensions).toContainEqual({ Name: "service", Value: service });
    }
  });
});

describe("npm run deploy", () => {
  // The script's cdk is replaced by a stand-in that prints its arguments: what is tested is
  // what the script hands to `cdk deploy`.
  let bin: string;
  beforeAll(() => {
    bin = mkdtempSync(join(tmpdir(), "deploy-"));
    writeFileSync(join(bin, "npx"), '#!/bin/sh\nprintf "%s\\n" "$@"\n');
    chmodSync(join(bin, "npx"), 0o755);
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));
  const run = (env: Record<string, string>) =>
    spawnSync("bash", ["scripts/deploy.sh"], {
      env: { PATH: `${bin}:${process.env.PATH}`, HOME: process.env.HOME ?? "/tmp", ...env },
      encoding: "utf8",
    });

  it("requires MANAGER_CIDRS and nothing else", () => {
    const without = run({});
    expect(without.status).not.toBe(0);
    expect(without.stderr).toContain("MANAGER_CIDRS");
    const only = run({ MANAGER_CIDRS: "203.0.113.0/24" });
    expect(only.status).toBe(0);
    expect(only.stdout.trim().split("\n")).toEqual([
      "cdk",
      "deploy",
      "--parameters",
      "ManagerCidrs=203.0.113.0/24",
    ]);
  });

  it("has a variable for every parameter and the stage", () => {
    const all = run({
      MANAGER_CIDRS: everyParameter.ManagerCidrs as string,
      MANAGER_KEYS: everyParameter.ManagerKeys as string,
      STAGE,
      CURRENCY: everyParameter.Currency as string,
      ALARM_EMAIL: everyParameter.AlarmEmail as string,
      TRACING: everyParameter.Tracing as string,
      SMS_ORIGINATION_IDENTITY_ARN: everyParameter.SmsOriginationIdentityArn as string,
      SMS_CONFIGURATION_SET: everyParameter.SmsConfigurationSetName as string,
    });
    expect(all.status).toBe(0);
    const args = all.stdout.trim().split("\n");
    for (const [name, value] of Object.entries(everyParameter)) {
      expect(args, name).toContain(`${name}=${value}`);
    }
    expect(args).toContain(`stage=${STAGE}`);
  });

  it("is what package.json runs", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    expect(pkg.scripts.deploy).toBe("bash scripts/deploy.sh");
    expect(execFileSync("bash", ["-n", "scripts/deploy.sh"], { encoding: "utf8" })).toBe("");
  });
});
