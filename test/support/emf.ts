import { afterEach, beforeEach, vi } from "vitest";
import { METRICS_NAMESPACE, SERVICE_NAME } from "#platform/observability/service-names";

/** One metric value as a CloudWatch EMF line carries it. */
export interface EmittedMetric {
  namespace: string;
  name: string;
  unit: string;
  value: number;
  /** The metric's dimensions with their values, `service` included. */
  dimensions: Record<string, string>;
  requestId: string | undefined;
}

type EmfDocument = {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
} & Record<string, unknown>;

const isEmf = (value: unknown): value is EmfDocument =>
  typeof value === "object" && value !== null && "_aws" in value;

/** The metrics of one EMF document, one entry per metric and dimension set. */
export function metricsOf(document: EmfDocument): EmittedMetric[] {
  return document._aws.CloudWatchMetrics.flatMap((directive) =>
    directive.Dimensions.flatMap((names) =>
      directive.Metrics.map((metric) => ({
        namespace: directive.Namespace,
        name: metric.Name,
        unit: metric.Unit,
        value: document[metric.Name] as number,
        dimensions: Object.fromEntries(names.map((name) => [name, String(document[name])])),
        requestId: document.request_id as string | undefined,
      })),
    ),
  );
}

/**
 * Turns the metrics on for this file's tests and reads the EMF lines the process writes to
 * stdout (other output passes through). `take()` returns what was written since the last call.
 */
export function useEmfCapture() {
  let lines: string[] = [];
  beforeEach(() => {
    vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false");
    lines = [];
    const write = process.stdout.write.bind(process.stdout);
    vi.spyOn(process.stdout, "write").mockImplementation(((chunk: unknown, ...rest: never[]) => {
      const text = String(chunk);
      if (text.startsWith('{"_aws"')) {
        lines.push(...text.split("\n").filter(Boolean));
        return true;
      }
      return write(chunk as string, ...rest);
    }) as typeof process.stdout.write);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });
  return {
    /** The EMF documents written since the last call, parsed. */
    documents(): EmfDocument[] {
      const taken = lines.splice(0).map((line) => JSON.parse(line) as unknown);
      if (!taken.every(isEmf)) throw new Error("a line starting like EMF is not EMF");
      return taken as EmfDocument[];
    },
    /** The metrics written since the last call. */
    take(): EmittedMetric[] {
      return this.documents().flatMap(metricsOf);
    },
  };
}

/**
 * The metrics as `Name dimension=value… value` lines, sorted (ColdStart left out: it depends on
 * which test of a file ran first). Each must be in our namespace with our `service` dimension.
 */
export function described(metrics: readonly EmittedMetric[]): string[] {
  return metrics
    .filter((metric) => metric.name !== "ColdStart")
    .map(({ namespace, name, dimensions, value }) => {
      const { service, ...own } = dimensions;
      if (namespace !== METRICS_NAMESPACE || service !== SERVICE_NAME) {
        throw new Error(`${name} is in ${namespace} for service ${service}`);
      }
      const labels = Object.entries(own).map(([key, v]) => `${key}=${v}`);
      return [name, ...labels, String(value)].join(" ");
    })
    .sort();
}
