import type { HttpContract } from "./route";

/** The outcome of matching a request against the route table. */
export type RouteMatch<R extends HttpContract = HttpContract> =
  | { kind: "found"; route: R; pathParameters: Record<string, string> }
  | { kind: "method_not_allowed"; allow: string[] }
  | { kind: "not_found" };

interface CompiledRoute<R> {
  route: R;
  pattern: RegExp;
  names: string[];
}

const isParameter = (segment: string) => /^\{\w+\}$/.test(segment);

/**
 * A path's rank among paths that can match the same request: a literal segment ("0") sorts
 * before a parameter ("1") at the first place they differ, so `/v1/accounts/me/analytics` is
 * tried before `/v1/accounts/{account_id}/analytics`, whatever the order of the route table.
 */
const specificity = (path: string) =>
  path
    .split("/")
    .map((segment) => (isParameter(segment) ? "1" : "0"))
    .join("");

/**
 * Matches method and path as API Gateway does: `{name}` is one non-empty path segment, and of
 * the routes of the request's method that match, the most specific wins (literal segments
 * before parameters).
 */
export function createRouteMatcher<R extends HttpContract>(routes: readonly R[]) {
  const bySpecificity = [...routes].sort((a, b) =>
    specificity(a.path).localeCompare(specificity(b.path)),
  );
  const compiled: CompiledRoute<R>[] = bySpecificity.map((route) => {
    const names: string[] = [];
    const source = route.path
      .split("/")
      .map((segment) => {
        const name = /^\{(\w+)\}$/.exec(segment)?.[1];
        if (!name) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(name);
        return "([^/]+)";
      })
      .join("/");
    return { route, pattern: new RegExp(`^${source}$`), names };
  });

  return (method: string, path: string): RouteMatch<R> => {
    const allow = new Set<string>();
    for (const { route, pattern, names } of compiled) {
      const values = pattern.exec(path);
      if (!values) continue;
      if (route.method !== method.toUpperCase()) {
        allow.add(route.method);
        continue;
      }
      const pathParameters = Object.fromEntries(
        names.map((name, i) => [name, safeDecode(values[i + 1] ?? "")]),
      );
      return { kind: "found", route, pathParameters };
    }
    return allow.size > 0
      ? { kind: "method_not_allowed", allow: [...allow] }
      : { kind: "not_found" };
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
