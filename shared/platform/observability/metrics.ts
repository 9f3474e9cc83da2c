/** The dimensions a metric may have besides `service`. */
export type MetricDimension = "function" | "reason" | "code" | "type";

/** One metric: its name, its domain (the dashboard's row), unit, dimensions and meaning. */
export interface MetricDefinition<D extends MetricDimension = MetricDimension> {
  name: string;
  domain: string;
  unit: MetricUnit;
  dimensions: readonly D[];
  description: string;
}

/** A count (summed on the dashboard), or a duration in ms (its maximum is what matters). */
export type MetricUnit = "Count" | "Milliseconds";

interface DeclaredMetric {
  unit: MetricUnit;
  dimensions: readonly MetricDimension[];
  description: string;
}

/** A domain's metrics, each named by its key: the emitters take them, the catalogue lists them. */
export type MetricsOf<M extends Record<string, DeclaredMetric>> = {
  [K in keyof M & string]: MetricDefinition<M[K]["dimensions"][number]> & { name: K };
};

/**
 * Declares a domain's metrics: `defineMetrics("raffles", { TicketsClaimed: {...} })`. Dimensions
 * stay low-cardinality by construction: `function` is an entry of the route table, `reason` an
 * error code a route declares, `code` an alert code, `type` credit or debit; never an id.
 */
export function defineMetrics<const M extends Record<string, DeclaredMetric>>(
  domain: string,
  metrics: M,
): MetricsOf<M> {
  return Object.fromEntries(
    Object.entries(metrics).map(([name, metric]) => [name, { name, domain, ...metric }]),
  ) as MetricsOf<M>;
}
