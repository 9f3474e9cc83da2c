import { App, Aspects } from "aws-cdk-lib";
import { Annotations, Match, Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { beforeAll, describe, expect, it } from "vitest";
import { functionId } from "../../infra/api-function";
import { TombolaStack } from "../../infra/stack";
import { tableDefinition } from "../../shared/db/table-definition";
import { routeKey } from "../../shared/http/route";
import { routes } from "../../shared/routes";

let stack: TombolaStack;
let template: Template;

beforeAll(() => {
  const app = new App();
  stack = new TombolaStack(app, "Test");
  Aspects.of(stack).add(new AwsSolutionsChecks());
  template = Template.fromStack(stack);
}, 120_000);

type Resource = { Type: string; Properties: Record<string, unknown>; [key: string]: unknown };
const resources = (type: string) => Object.values(template.findResources(type)) as Resource[];

describe("the CDK stack", () => {
  it("makes one function per route, plus the $default fallback", () => {
    const functions = resources("AWS::Lambda::Function");
    expect(functions).toHaveLength(routes.length + 1);
    for (const fn of functions) {
      expect(fn.Properties.Runtime).toBe("nodejs24.x");
    }
  });

  it("makes one API route per route table entry, and $default", () => {
    const keys = resources("AWS::ApiGatewayV2::Route").map((route) => route.Properties.RouteKey);
    expect(keys.sort()).toEqual([...routes.map(routeKey), "$default"].sort());
  });

  it("grants no IAM action with a wildcard", () => {
    for (const policy of resources("AWS::IAM::Policy")) {
      const statements = (policy.Properties.PolicyDocument as { Statement: { Action: unknown }[] })
        .Statement;
      for (const statement of statements) {
        for (const action of [statement.Action].flat()) expect(action).not.toMatch(/\*/);
      }
    }
  });

  it("grants each function exactly the table actions its route names", () => {
    for (const route of routes.filter((r) => r.tableActions.length > 0)) {
      const role = Object.keys(template.findResources("AWS::IAM::Role")).find((id) =>
        id.startsWith(`${functionId(route.handler)}Function`),
      );
      expect(role, route.handler).toBeDefined();
      const policies = resources("AWS::IAM::Policy").filter((policy) =>
        JSON.stringify(policy.Properties.Roles).includes(role as string),
      );
      const actions = policies.flatMap((policy) =>
        (
          policy.Properties.PolicyDocument as {
            Statement: { Action: unknown; Resource: unknown }[];
          }
        ).Statement.filter((statement) =>
          JSON.stringify(statement.Resource).includes("Table"),
        ).flatMap((statement) => [statement.Action].flat()),
      );
      expect(new Set(actions), route.handler).toEqual(new Set(route.tableActions));
    }
  });

  it("keeps the table safe: on-demand, PITR, retained, TTL, stream, indexes", () => {
    const tables = resources("AWS::DynamoDB::Table");
    expect(tables).toHaveLength(1);
    const table = tables[0] as Resource;
    expect(table.DeletionPolicy).toBe("Retain");
    expect(table.UpdateReplacePolicy).toBe("Retain");
    expect(table.Properties).toMatchObject({
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: {
        AttributeName: tableDefinition.timeToLiveAttribute,
        Enabled: true,
      },
      StreamSpecification: { StreamViewType: tableDefinition.streamViewType },
      DeletionProtectionEnabled: true,
    });
    const indexes = (table.Properties.GlobalSecondaryIndexes as { IndexName: string }[]).map(
      (index) => index.IndexName,
    );
    expect(indexes).toEqual(tableDefinition.globalIndexes.map((index) => index.indexName));
  });

  it("throttles the API stage and writes access logs", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      DefaultRouteSettings: { ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 2000 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
  });

  it("takes the manager CIDRs as a parameter and hands them to every function", () => {
    template.hasParameter("ManagerCidrs", { Type: "String" });
    for (const fn of resources("AWS::Lambda::Function")) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect(variables.MANAGER_CIDRS).toEqual({ Ref: "ManagerCidrs" });
    }
  });

  it("takes the ledger's currency as a parameter and hands it to every function", () => {
    template.hasParameter("Currency", { Type: "String", Default: "USD" });
    for (const fn of resources("AWS::Lambda::Function")) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect(variables.CURRENCY).toEqual({ Ref: "Currency" });
    }
  });

  it("passes cdk-nag's AwsSolutions checks, every acknowledged finding with its reason", () => {
    const findings = [
      ...Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")),
      ...Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")),
    ];
    expect(findings.map((finding) => finding.entry.data)).toEqual([]);
    const suppressions = Object.values(
      template.toJSON().Resources as Record<string, Resource>,
    ).flatMap((resource) => {
      const metadata = resource.Metadata as
        | { cdk_nag?: { rules_to_suppress: { id: string; reason: string }[] } }
        | undefined;
      return metadata?.cdk_nag?.rules_to_suppress ?? [];
    });
    expect(suppressions.length).toBeGreaterThan(0);
    for (const suppression of suppressions) expect(suppression.reason.length).toBeGreaterThan(30);
  });
});
