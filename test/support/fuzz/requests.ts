// Requests for one route: valid ones (its example, the world's live requests, and values its
// schemas generate), and each of those with exactly one thing made wrong.
import fc from "fast-check";
import type { RouteDefinition } from "#platform/function-definitions";
import type { RawRequest } from "./http";
import {
  absurdHeaders,
  type BodyPayload,
  contentTypes,
  forgedAuthorizations,
  forgedCursors,
  forgedQueryValues,
  forgedSegments,
  jsonText,
  mutateOneField,
  rawBodies,
} from "./mutations";
import { arbitraryOf, inputSchema, type JsonSchema } from "./schema-arbitrary";
import { MANAGER, type World } from "./world";

/** A request before the live values it names are filled in. */
export interface FuzzSpec {
  /** Path segments, percent-encoded. */
  params: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  /** The bearer token of the route's holder, no Authorization, or this header value. */
  auth: { live: true } | { live: false; header?: string };
  body?: BodyPayload;
  /** The Content-Type of a body: JSON unless mutated (null: none at all). */
  contentType?: string | null;
  from: string;
  /** What was made wrong, for the failure message. */
  what: string;
}

const schemaOf = (schema: RouteDefinition["body"]) => (schema ? inputSchema(schema) : undefined);

const encode = (params: Record<string, unknown> = {}) =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeURIComponent(String(v))]));

const asEntries = (query: Record<string, unknown> = {}) =>
  Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, String(v)] as [string, string]);

const players = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 2, max: 254 }))
  .map(([a, b]) => `127.0.${a}.${b}`);

const withoutCursor = (schema: JsonSchema | undefined): JsonSchema => {
  const { cursor: _, ...properties } = schema?.properties ?? {};
  return { ...schema, properties };
};

/** The valid starting points: the route's example, the world's live requests, schema values. */
function baseSpecs(route: RouteDefinition, world: World): fc.Arbitrary<FuzzSpec> {
  const example = route.requestExample as {
    params?: Record<string, unknown>;
    query?: Record<string, unknown>;
    headers?: Record<string, string>;
    body?: unknown;
  };
  const from = route.access === "manager" ? fc.constant(MANAGER) : players;
  const spec = (request: typeof example, what: string) =>
    from.map(
      (address): FuzzSpec => ({
        params: encode(request.params),
        query: asEntries(request.query),
        headers: { ...request.headers },
        auth: { live: true },
        ...(request.body === undefined ? {} : { body: { json: request.body } }),
        from: address,
        what,
      }),
    );
  const key = `${route.method} ${route.path}`;
  const live = world.live[key] ?? [];
  const paramSchema = schemaOf(route.params);
  const generated = fc
    .record({
      params: fc.record(
        Object.fromEntries(
          Object.keys(paramSchema?.properties ?? {}).map((name) => [
            name,
            fc.constantFrom(
              ...(world.routeParams[key]?.[name] ?? world.params[name] ?? []),
              String(example.params?.[name]),
            ),
          ]),
        ),
      ),
      // A made-up cursor is a forged one: cursors are mutations below, not valid values.
      query: route.query ? arbitraryOf(withoutCursor(schemaOf(route.query))) : fc.constant({}),
      headers: route.headers ? arbitraryOf(schemaOf(route.headers) as JsonSchema) : fc.constant({}),
      body: route.body ? arbitraryOf(schemaOf(route.body) as JsonSchema) : fc.constant(undefined),
    })
    .chain((request) =>
      spec(
        {
          params: request.params,
          query: request.query as Record<string, unknown>,
          headers: request.headers as Record<string, string>,
          body: request.body,
        },
        "generated from the schemas",
      ),
    );
  return fc.oneof(
    spec(example, "the route's example"),
    generated,
    ...(live.length > 0
      ? [fc.constantFrom(...live).chain((request) => spec(request, "live"))]
      : []),
  );
}

/** One thing made wrong in a valid request. */
function mutated(route: RouteDefinition, base: FuzzSpec, world: World): fc.Arbitrary<FuzzSpec> {
  const options: fc.Arbitrary<FuzzSpec>[] = [
    absurdHeaders.map((headers) => ({
      ...base,
      headers: { ...base.headers, ...headers },
      what: `headers ${Object.keys(headers).join(", ").slice(0, 80)}`,
    })),
  ];
  const bodySchema = schemaOf(route.body);
  const json =
    base.body && "json" in base.body ? (base.body.json as Record<string, unknown>) : undefined;
  if (json && typeof json === "object" && !Array.isArray(json)) {
    options.push(
      mutateOneField(json, bodySchema).map((body) => ({
        ...base,
        body,
        what: `a body field: ${jsonText("json" in body ? body.json : "").slice(0, 120)}`,
      })),
      rawBodies(json).map((body) => ({
        ...base,
        body,
        what: `body ${"what" in body ? body.what : ""}`,
      })),
    );
  }
  if (base.body) {
    options.push(
      contentTypes.map((type) => ({
        ...base,
        contentType: type ?? null,
        what: `content type ${type}`,
      })),
    );
  } else {
    // A route that takes no body still gets one.
    options.push(
      fc
        .oneof(
          fc.constant<BodyPayload>({ json: { unexpected: true } }),
          fc.constant<BodyPayload>({ json: {} }),
          rawBodies({ a: 1 }),
        )
        .chain((body) =>
          fc.option(contentTypes, { nil: undefined }).map((type) => ({
            ...base,
            body,
            ...(type === undefined ? {} : { contentType: type }),
            what: `a body on a route without one (${type ?? "json"})`,
          })),
        ),
    );
  }
  const paramNames = Object.keys(base.params);
  if (paramNames.length > 0) {
    options.push(
      fc
        .record({ name: fc.constantFrom(...paramNames), segment: forgedSegments })
        .map(({ name, segment }) => ({
          ...base,
          params: { ...base.params, [name]: segment },
          what: `path ${name}=${segment.slice(0, 60)}`,
        })),
    );
  }
  if (route.query) {
    const names = Object.keys(schemaOf(route.query)?.properties ?? {});
    options.push(
      fc
        .record({ name: fc.constantFrom(...names, "unknown", "LIMIT"), value: forgedQueryValues })
        .map(({ name, value }) => ({
          ...base,
          query: [...base.query.filter(([k]) => k !== name), [name, value]],
          what: `query ${name}=${value.slice(0, 60)}`,
        })),
      fc.constantFrom(...names).map((name) => ({
        ...base,
        query: [...base.query, [name, "1"], [name, "2"]],
        what: `query ${name} twice`,
      })),
    );
    if (names.includes("cursor")) {
      options.push(
        fc
          .oneof(
            forgedCursors,
            ...(world.cursors.length > 0 ? [fc.constantFrom(...world.cursors)] : []),
          )
          .map((cursor) => ({
            ...base,
            query: [...base.query.filter(([k]) => k !== "cursor"), ["cursor", cursor]],
            what: `cursor ${cursor.slice(0, 60)}`,
          })),
      );
    }
  }
  if (route.headers) {
    const declared = Object.keys(route.headers.shape);
    options.push(
      fc.constantFrom(...declared).map((name) => ({
        ...base,
        headers: Object.fromEntries(
          Object.entries(base.headers).filter(([k]) => k.toLowerCase() !== name.toLowerCase()),
        ),
        what: `without ${name}`,
      })),
    );
  }
  if (route.access === "account") {
    options.push(
      fc.option(forgedAuthorizations, { nil: undefined }).map((header) => ({
        ...base,
        auth: header === undefined ? { live: false } : { live: false, header },
        what: `authorization ${header ?? "(none)"}`.slice(0, 80),
      })),
    );
  }
  if (route.access === "manager") {
    options.push(players.map((from) => ({ ...base, from, what: `a non-manager (${from})` })));
  }
  return fc.oneof(...options);
}

/** Requests for `route`: a quarter valid, the rest with one thing wrong. */
export function fuzzSpecs(route: RouteDefinition, world: World): fc.Arbitrary<FuzzSpec> {
  return baseSpecs(route, world).chain((base) =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant(base) },
      { weight: 3, arbitrary: mutated(route, base, world) },
    ),
  );
}

/** The request on the wire, with the holder's live token filled in. */
export function toRawRequest(
  route: RouteDefinition,
  spec: FuzzSpec,
  token: string | undefined,
): RawRequest {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => spec.params[name] ?? "x");
  const query = spec.query
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&");
  const body =
    spec.body === undefined
      ? undefined
      : "raw" in spec.body
        ? spec.body.raw
        : Buffer.from(jsonText(spec.body.json), "utf8");
  const headers: Record<string, string> = { ...spec.headers };
  if (body && spec.contentType !== null)
    headers["content-type"] = spec.contentType ?? "application/json";
  if (route.access === "account") {
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === "authorization" && !spec.auth.live) delete headers[name];
    }
    if (spec.auth.live && token && !headers.authorization)
      headers.authorization = `Bearer ${token}`;
    else if (!spec.auth.live && spec.auth.header !== undefined)
      headers.authorization = spec.auth.header;
  }
  return {
    method: route.method,
    path: query ? `${path}?${query}` : path,
    // Latin-1 without control characters is all that HTTP lets a header carry.
    headers: Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, v.replace(/[^\t\x20-\x7e\x80-\xff]/g, "?")]),
    ),
    ...(body ? { body } : {}),
    from: spec.from,
  };
}
