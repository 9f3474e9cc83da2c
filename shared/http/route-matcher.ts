import type { RouteDefinition } from "./route";

/** The outcome of matching a request against the route table. */
export type RouteMatch<R extends RouteDefinition = RouteDefinition> =
  | { kind: "found"; route: R; pathParameters: Record<string, string> }
  | { kind: "method_not_allowed"; allow: string[] }
  | { kind: "not_found" };

interface CompiledRoute<R> {
  route: R;
  pattern: RegExp;
  names: string[];
}

/** Matches method and path as API Gateway does: `{name}` is one non-empty path segment. */
export function createRouteMatcher<R extends RouteDefinition>(routes: readonly R[]) {
  const compiled: CompiledRoute<R>[] = routes.map((route) => {
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
    const allow: string[] = [];
    for (const { route, pattern, names } of compiled) {
      const values = pattern.exec(path);
      if (!values) continue;
      if (route.method !== method.toUpperCase()) {
        allow.push(route.method);
        continue;
      }
      const pathParameters = Object.fromEntries(
        names.map((name, i) => [name, safeDecode(values[i + 1] ?? "")]),
      );
      return { kind: "found", route, pathParameters };
    }
    return allow.length > 0 ? { kind: "method_not_allowed", allow } : { kind: "not_found" };
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
