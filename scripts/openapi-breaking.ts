// What in a new OpenAPI document breaks a client written against an older one. Used by
// `npm run openapi` (scripts/openapi.ts) before it overwrites openapi.json: a breaking change is
// written only with the major of `info.version` raised, which is how a release acknowledges it.

type Json = Record<string, unknown>;
type Document = {
  info: { version: string };
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
};

const METHODS = ["get", "put", "post", "patch", "delete"];

function resolver(document: Document) {
  return (schema: unknown): Json => {
    let current = (schema ?? {}) as Json;
    for (let hops = 0; typeof current.$ref === "string" && hops < 20; hops++) {
      current = document.components.schemas[
        current.$ref.slice("#/components/schemas/".length)
      ] as Json;
    }
    return current ?? {};
  };
}

const typesOf = (schema: Json) =>
  new Set(
    [schema.type ?? []]
      .flat()
      .map(String)
      .concat(schema.const !== undefined ? ["const"] : []),
  );

/**
 * The changes of one schema that break its readers (`direction: "response"`: a field gone, no
 * longer always there, of another type, a new enum value) or its writers (`"request"`: a field
 * newly required, one no longer accepted, a value no longer allowed).
 */
function schemaChanges(
  where: string,
  before: Json,
  after: Json,
  direction: "request" | "response",
  resolve: { before: (s: unknown) => Json; after: (s: unknown) => Json },
  depth = 0,
): string[] {
  if (depth > 8) return [];
  const b = resolve.before(before);
  const a = resolve.after(after);
  const changes: string[] = [];
  const bTypes = typesOf(b);
  const aTypes = typesOf(a);
  if (bTypes.size > 0 && aTypes.size > 0) {
    const lost = direction === "request" ? [...bTypes].filter((t) => !aTypes.has(t)) : [];
    const gained = direction === "response" ? [...aTypes].filter((t) => !bTypes.has(t)) : [];
    if (lost.length > 0) changes.push(`${where}: no longer accepts type ${lost.join(", ")}`);
    if (gained.length > 0) changes.push(`${where}: may now be ${gained.join(", ")}`);
  }
  if (Array.isArray(b.enum) && Array.isArray(a.enum)) {
    const bEnum = new Set(b.enum.map(String));
    const aEnum = new Set(a.enum.map(String));
    if (direction === "request") {
      const removed = [...bEnum].filter((v) => !aEnum.has(v));
      if (removed.length > 0) changes.push(`${where}: no longer accepts ${removed.join(", ")}`);
    } else {
      const added = [...aEnum].filter((v) => !bEnum.has(v));
      if (added.length > 0) changes.push(`${where}: may now be ${added.join(", ")}`);
    }
  }
  const bProps = (b.properties ?? {}) as Record<string, Json>;
  const aProps = (a.properties ?? {}) as Record<string, Json>;
  const bRequired = new Set((b.required ?? []) as string[]);
  const aRequired = new Set((a.required ?? []) as string[]);
  for (const [name, schema] of Object.entries(bProps)) {
    const at = `${where}.${name}`;
    if (!(name in aProps)) {
      changes.push(`${at}: ${direction === "request" ? "no longer accepted" : "removed"}`);
      continue;
    }
    if (direction === "response" && bRequired.has(name) && !aRequired.has(name))
      changes.push(`${at}: no longer always present`);
    if (direction === "request" && !bRequired.has(name) && aRequired.has(name))
      changes.push(`${at}: now required`);
    changes.push(...schemaChanges(at, schema, aProps[name] as Json, direction, resolve, depth + 1));
  }
  if (direction === "request") {
    for (const name of aRequired) {
      if (!(name in bProps)) changes.push(`${where}.${name}: new and required`);
    }
  }
  if (b.items && a.items) {
    changes.push(
      ...schemaChanges(
        `${where}[]`,
        b.items as Json,
        a.items as Json,
        direction,
        resolve,
        depth + 1,
      ),
    );
  }
  return changes;
}

const jsonBody = (holder: unknown) =>
  ((holder as Json | undefined)?.content as Record<string, Json> | undefined)?.["application/json"]
    ?.schema as Json | undefined;

/** Every change from `before` to `after` that breaks a client of `before`, described. */
export function breakingChanges(before: Document, after: Document): string[] {
  const resolve = { before: resolver(before), after: resolver(after) };
  const changes: string[] = [];
  for (const [path, operations] of Object.entries(before.paths)) {
    for (const method of METHODS) {
      const b = operations[method];
      if (!b) continue;
      const a = after.paths[path]?.[method];
      const op = `${method.toUpperCase()} ${path}`;
      if (!a) {
        changes.push(`${op}: removed`);
        continue;
      }
      const params = (o: Json) =>
        new Map(
          ((o.parameters ?? []) as { name: string; in: string; required?: boolean }[]).map((p) => [
            `${p.in}:${p.name}`,
            p,
          ]),
        );
      const bParams = params(b);
      for (const [key, p] of params(a)) {
        if (p.required && !bParams.get(key)?.required) changes.push(`${op}: ${key} now required`);
      }
      for (const key of bParams.keys()) {
        if (!params(a).has(key)) changes.push(`${op}: parameter ${key} removed`);
      }
      const bBody = jsonBody(b.requestBody);
      const aBody = jsonBody(a.requestBody);
      if (aBody && !bBody) changes.push(`${op}: now requires a body`);
      if (bBody && aBody)
        changes.push(...schemaChanges(`${op} request`, bBody, aBody, "request", resolve));
      const bResponses = (b.responses ?? {}) as Record<string, Json>;
      const aResponses = (a.responses ?? {}) as Record<string, Json>;
      for (const [status, response] of Object.entries(bResponses)) {
        if (!status.startsWith("2")) continue;
        if (!aResponses[status]) {
          changes.push(`${op}: no longer answers ${status}`);
          continue;
        }
        const bSchema = jsonBody(response);
        const aSchema = jsonBody(aResponses[status]);
        if (bSchema && !aSchema) changes.push(`${op} ${status}: no longer a JSON body`);
        if (bSchema && aSchema)
          changes.push(...schemaChanges(`${op} ${status}`, bSchema, aSchema, "response", resolve));
      }
    }
  }
  return changes;
}

/** The major of a semantic version: `1.4.0` → 1. */
export const majorOf = (version: string) => Number(version.split(".")[0]);
