import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it, vi } from "vitest";
import { metricCatalogue } from "#app/metrics";
import {
  countMetric,
  invocationRunner,
  withInvocationMetrics,
} from "#platform/observability/invocation-metrics";
import { METRICS_NAMESPACE, SERVICE_NAME } from "#platform/observability/service-names";
import { useEmfCapture } from "../../../support/emf";

const emf = useEmfCapture();

describe("an invocation's metrics", () => {
  it("are published when it ends, one EMF line per dimension set, with its request id", async () => {
    await withInvocationMetrics("raffles/claim-ticket", "req-1", async () => {
      countMetric(metricCatalogue.TicketsClaimed);
      countMetric(metricCatalogue.StoreRetries);
      countMetric(metricCatalogue.StoreRetries, 2);
      countMetric(metricCatalogue.ColdStart);
      expect(emf.documents()).toEqual([]);
    });
    const documents = emf.documents();
    expect(documents).toHaveLength(2);
    for (const document of documents) {
      expect(document._aws.Timestamp).toEqual(expect.any(Number));
      expect(document._aws.CloudWatchMetrics).toHaveLength(1);
      expect(document._aws.CloudWatchMetrics[0]?.Namespace).toBe(METRICS_NAMESPACE);
      expect(document.service).toBe(SERVICE_NAME);
      expect(document.request_id).toBe("req-1");
    }
    const [business, platform] = documents;
    expect(business?._aws.CloudWatchMetrics[0]).toEqual({
      Namespace: METRICS_NAMESPACE,
      Dimensions: [["service"]],
      Metrics: [{ Name: "TicketsClaimed", Unit: "Count" }],
    });
    expect(business?.TicketsClaimed).toBe(1);
    expect(platform?._aws.CloudWatchMetrics[0]).toEqual({
      Namespace: METRICS_NAMESPACE,
      Dimensions: [["service", "function"]],
      Metrics: [
        { Name: "StoreRetries", Unit: "Count" },
        { Name: "ColdStart", Unit: "Count" },
      ],
    });
    expect(platform).toMatchObject({
      function: "raffles/claim-ticket",
      StoreRetries: 3,
      ColdStart: 1,
    });
  });

  it("keeps each dimension value apart", async () => {
    await withInvocationMetrics("monitoring/create-event", "req-2", async () => {
      countMetric(metricCatalogue.AlertsRaised, { code: "30" });
      countMetric(metricCatalogue.AlertsRaised, { code: "1100" });
      countMetric(metricCatalogue.AlertsRaised, { code: "30" });
    });
    const metrics = emf.take();
    expect(metrics.map(({ name, dimensions, value }) => ({ name, dimensions, value }))).toEqual([
      { name: "AlertsRaised", dimensions: { service: SERVICE_NAME, code: "30" }, value: 2 },
      { name: "AlertsRaised", dimensions: { service: SERVICE_NAME, code: "1100" }, value: 1 },
    ]);
  });

  it("publishes nothing when nothing was counted, nor for counts outside an invocation", async () => {
    await withInvocationMetrics("platform/health", "req-3", async () => undefined);
    countMetric(metricCatalogue.TicketsClaimed);
    expect(emf.documents()).toEqual([]);
  });

  it("are published when the invocation throws, too", async () => {
    await expect(
      withInvocationMetrics("raffles/claim-ticket", "req-4", async () => {
        countMetric(metricCatalogue.StoreRetries);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(emf.take().map((metric) => metric.name)).toEqual(["StoreRetries"]);
  });

  it("are not written when POWERTOOLS_METRICS_DISABLED is true", async () => {
    vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "true");
    await withInvocationMetrics("raffles/claim-ticket", "req-5", async () => {
      countMetric(metricCatalogue.TicketsClaimed);
    });
    expect(emf.documents()).toEqual([]);
  });

  it("count a cold start on a runner's first invocation only", async () => {
    const run = invocationRunner("accounts/log-in");
    await run("first", async () => countMetric(metricCatalogue.LogIns));
    await run("second", async () => countMetric(metricCatalogue.LogIns));
    const metrics = emf.take();
    expect(metrics.filter((m) => m.name === "ColdStart")).toMatchObject([
      { requestId: "first", dimensions: { function: "accounts/log-in" }, value: 1 },
    ]);
    expect(metrics.filter((m) => m.name === "LogIns").map((m) => m.requestId)).toEqual([
      "first",
      "second",
    ]);
  });

  it("never mix with those of invocations running at the same time in the process", async () => {
    const invocations = Array.from({ length: 40 }, (_, i) => i);
    await Promise.all(
      invocations.map((i) =>
        withInvocationMetrics(`function-${i % 3}`, `req-${i}`, async () => {
          for (let retry = 0; retry < i; retry++) {
            await sleep(Math.random() * 5);
            countMetric(metricCatalogue.StoreRetries);
          }
          await sleep(Math.random() * 5);
          countMetric(metricCatalogue.AlertsRaised, { code: String(i % 5) });
        }),
      ),
    );
    const metrics = emf.take();
    for (const i of invocations) {
      const own = metrics.filter((metric) => metric.requestId === `req-${i}`);
      const expected = [
        ...(i > 0
          ? [{ name: "StoreRetries", value: i, dimensions: { function: `function-${i % 3}` } }]
          : []),
        { name: "AlertsRaised", value: 1, dimensions: { code: String(i % 5) } },
      ];
      expect(own, `req-${i}`).toMatchObject(expected);
      expect(own).toHaveLength(expected.length);
    }
    expect(metrics).toHaveLength(invocations.length * 2 - 1);
  });
});
