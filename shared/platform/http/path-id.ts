import * as z from "zod";

/** The thing each path-id schema names: `raffle` for a raffle id, answered 404 `raffle_not_found`. */
const pathIdThings = new WeakMap<z.ZodType, string>();

/**
 * A resource id in a path, turned into what it names by `parse` (a key, say). An id that cannot
 * name any `thing` (wrong prefix or shape: `parse` gives undefined) is not a schema error: the
 * handler answers 404 `<thing>_not_found`, exactly as for a well-formed id that names nothing.
 */
export function pathId<T = string>(
  thing: string,
  example: string,
  parse: (id: string) => T | undefined = (id) => id as T,
) {
  const schema = z
    .string()
    .transform((id, context) => {
      const parsed = parse(id);
      if (parsed !== undefined) return parsed;
      context.issues.push({ code: "custom", message: `Not a ${thing} id`, input: id });
      return z.NEVER;
    })
    .meta({ description: `A ${thing.replaceAll("_", " ")} id, e.g. ${example}` });
  pathIdThings.set(schema, thing);
  return schema;
}

/** The things a route's path ids name, by parameter: `{ id: "raffle" }`. */
export function pathIdsOf(params: z.ZodType | undefined): Record<string, string> {
  if (!(params instanceof z.ZodObject)) return {};
  const things: Record<string, string> = {};
  for (const [name, schema] of Object.entries(params.shape as Record<string, z.ZodType>)) {
    const thing = pathIdThings.get(schema);
    if (thing) things[name] = thing;
  }
  return things;
}
