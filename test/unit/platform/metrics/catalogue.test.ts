import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { describe, expect, it } from "vitest";
import { type MetricName, metricCatalogue } from "#app/metrics";
import { routes } from "#app/routes";
import { routeKey } from "#platform/http/route";

const ROOT = resolve(import.meta.dirname, "../../../..");
const names = Object.keys(metricCatalogue) as MetricName[];

/** The text of every .ts file under `dir`. */
function sources(dir: string): string {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => readFileSync(join(ROOT, dir, file), "utf8"))
    .join("\n");
}

describe("the metric catalogue", () => {
  it("names CloudWatch metrics: short ASCII names, units CloudWatch knows", () => {
    for (const name of names) {
      expect(name).toMatch(/^[A-Z][A-Za-z0-9]{2,60}$/);
      expect(Object.values(MetricUnit)).toContain(metricCatalogue[name].unit);
    }
  });

  it("maps each route's answers to metrics it can count: a success, or refusals it declares", () => {
    for (const route of routes) {
      for (const [status, metric] of Object.entries(route.answerMetrics ?? {})) {
        const where = `${routeKey(route)} ${status}`;
        expect(names, where).toContain(metric.name);
        expect(metricCatalogue[metric.name as MetricName], where).toBe(metric);
        const byReason = (metric.dimensions as readonly string[]).includes("reason");
        if (byReason) {
          const codes = (route.errors ?? []).filter((error) => error.status === Number(status));
          // 422 also carries the schema's validation_failed, common to every route.
          expect(codes.length > 0 || status === "422", where).toBe(true);
        } else {
          expect(Object.keys(route.responses), where).toContain(status);
        }
      }
    }
  });

  it("has an emitter for every metric: a route's answers, or a countMetric in the code", () => {
    const code = sources("shared") + sources("functions");
    const counted = new Set(
      routes.flatMap((route) => Object.values(route.answerMetrics ?? {}).map((m) => m.name)),
    );
    for (const name of names) {
      const emitted =
        counted.has(name) ||
        // `countMetric(raffleMetrics.RafflesDrawn)`, or an outbox work's outcome metrics:
        // `done: notificationMetrics.NotificationsSent,`
        new RegExp(`(countMetric\\(|: )\\w+Metrics\\.${name}\\b`).test(code);
      expect(emitted, name).toBe(true);
    }
  });

  it("has every metric asserted on the EMF output by the metrics tests", () => {
    const tests = sources("test/integration/metrics") + sources("test/unit/platform/metrics");
    for (const name of names) {
      expect(tests, name).toMatch(new RegExp(`["'\`]${name}[ "'\`]`));
    }
  });
});
