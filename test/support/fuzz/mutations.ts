// What the internet sends instead of a valid request: one field at a time made wrong, and bodies,
// headers, paths and queries that no schema-following client would send.
import fc from "fast-check";
import type { JsonSchema } from "./schema-arbitrary";

/** A JSON array nested `depth` deep: written as text, since JSON.stringify cannot go that deep. */
export class Deep {
  constructor(readonly depth: number) {}
}

/** JSON text of a value that may hold Deep parts (serialised by hand, keys in order, duplicates kept). */
export function jsonText(value: unknown): string {
  if (value instanceof Deep) return "[".repeat(value.depth) + "]".repeat(value.depth);
  if (Array.isArray(value)) return `[${value.map(jsonText).join(",")}]`;
  if (value instanceof DuplicateKeys) {
    return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(",")}}`;
  }
  if (value && typeof value === "object") {
    return jsonText(new DuplicateKeys(Object.entries(value)));
  }
  // JSON.stringify writes lone surrogates as \ud800 escapes: a valid JSON text of invalid UTF-16.
  return JSON.stringify(value) ?? "null";
}

/** An object written with the keys as given, a key twice if so (JSON allows it; the last wins). */
export class DuplicateKeys {
  constructor(readonly entries: [string, unknown][]) {}
}

const unicode = fc.constantFrom(
  "\u0000",
  "\u202eevil",
  "👩‍👩‍👧‍👦",
  "e\u0301",
  "ＡＢＣ",
  "\u200b",
  "\ud800",
  "\udfff\ud800",
  "𝕏".repeat(30),
  "ﷺ",
  "\uFEFF",
  "null",
  "<script>alert(1)</script>",
  "' OR '1'='1",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4j lookup, as an attacker sends it
  "${jndi:ldap://x}",
  "../../etc/passwd",
  "%00",
  "\r\n",
);

/** Values of the wrong type, or of no use to anyone, for any field. */
const wrongTypes = fc.constantFrom<unknown>(
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0,
  "",
  "x",
  [],
  {},
  [1, 2],
  { a: 1 },
  "1",
  "true",
  1e308,
  5e-324,
  2 ** 53 + 1,
  -(2 ** 53) - 1,
);

/** Values at and just past the edges the field's schema gives. */
function boundaries(schema: JsonSchema): fc.Arbitrary<unknown> {
  const edges: unknown[] = [];
  if (schema.minLength !== undefined) {
    edges.push("a".repeat(schema.minLength), "a".repeat(Math.max(0, schema.minLength - 1)));
  }
  if (schema.maxLength !== undefined) {
    edges.push("a".repeat(schema.maxLength), "a".repeat(schema.maxLength + 1));
    edges.push("é".repeat(schema.maxLength), "👍".repeat(schema.maxLength));
  }
  for (const bound of [
    schema.minimum,
    schema.maximum,
    schema.exclusiveMinimum,
    schema.exclusiveMaximum,
  ]) {
    if (bound !== undefined) edges.push(bound, bound - 1, bound + 1, bound + 0.5, String(bound));
  }
  if (schema.minItems !== undefined) edges.push([]);
  if (schema.maxItems !== undefined)
    edges.push(Array.from({ length: schema.maxItems + 1 }, () => ({})));
  if (schema.enum)
    edges.push(
      ...schema.enum.map((v) => (typeof v === "string" ? v.toUpperCase() : v)),
      `${schema.enum[0]} `,
    );
  return edges.length > 0 ? fc.constantFrom(...edges) : wrongTypes;
}

const hugeStrings = fc.constantFrom("x".repeat(60_000), "é".repeat(40_000), "a".repeat(5_000));

/** Any one wrong value for a field of this schema. */
export function wrongValue(schema: JsonSchema = {}): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: wrongTypes },
    { weight: 3, arbitrary: boundaries(schema) },
    { weight: 2, arbitrary: unicode },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
    { weight: 1, arbitrary: hugeStrings },
    { weight: 1, arbitrary: fc.constantFrom(new Deep(50), new Deep(100_000)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** The dotted paths of an object's fields (and of the objects in its arrays), with their schemas. */
export function fieldPaths(
  value: unknown,
  schema: JsonSchema | undefined,
  prefix: (string | number)[] = [],
) {
  const paths: { path: (string | number)[]; schema: JsonSchema }[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      paths.push(...fieldPaths(item, schema?.items, [...prefix, i]));
    });
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const fieldSchema = schema?.properties?.[key] ?? {};
      paths.push({ path: [...prefix, key], schema: fieldSchema });
      paths.push(...fieldPaths(item, fieldSchema, [...prefix, key]));
    }
  }
  return paths;
}

const clone = <T>(value: T): T => structuredClone(value);

function setAt(target: unknown, path: (string | number)[], value: unknown, remove: boolean) {
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], target);
  const last = path.at(-1) as string | number;
  if (remove) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete (parent as Record<string, unknown>)[last];
  } else (parent as Record<string, unknown>)[last] = value;
}

/** A body: JSON (maybe with Deep parts or duplicate keys), or raw bytes. */
export type BodyPayload = { json: unknown } | { raw: Buffer; what: string };

/** `base` with one field made wrong: removed, or set to a wrong value, or a field added. */
export function mutateOneField(
  base: Record<string, unknown>,
  schema: JsonSchema | undefined,
): fc.Arbitrary<BodyPayload> {
  const paths = fieldPaths(base, schema);
  const unknownKey = fc.record({
    key: fc.oneof(
      fc.constantFrom("__proto__", "constructor", "extra", "id", "pk", "status"),
      fc.string({ maxLength: 10 }),
    ),
    value: wrongValue(),
  });
  const options: fc.Arbitrary<BodyPayload>[] = [
    unknownKey.map(({ key, value }) => ({
      json: new DuplicateKeys([...Object.entries(base), [key, value]]),
    })),
  ];
  if (paths.length > 0) {
    const picked = fc.constantFrom(...paths);
    options.push(
      picked.map(({ path }) => {
        const copy = clone(base);
        setAt(copy, path, undefined, true);
        return { json: copy };
      }),
      picked.chain(({ path, schema: fieldSchema }) =>
        wrongValue(fieldSchema).map((value) => {
          const copy = clone(base);
          setAt(copy, path, value, false);
          return { json: copy };
        }),
      ),
    );
    const topKeys = Object.keys(base);
    if (topKeys.length > 0) {
      // The same key twice, the second value wrong: parsers disagree on which one counts.
      options.push(
        fc
          .record({ key: fc.constantFrom(...topKeys), value: wrongValue() })
          .map(({ key, value }) => ({
            json: new DuplicateKeys([...Object.entries(base), [key, value]]),
          })),
        fc
          .record({ key: fc.constantFrom(...topKeys), value: wrongValue() })
          .map(({ key, value }) => ({
            json: new DuplicateKeys([[key, value], ...Object.entries(base)]),
          })),
      );
    }
  }
  return fc.oneof(...options);
}

/** Bodies that are not a JSON object at all, or not JSON, or not UTF-8, or too large. */
export function rawBodies(base: Record<string, unknown>): fc.Arbitrary<BodyPayload> {
  const text = jsonText(base);
  return fc.oneof(
    fc
      .constantFrom(
        "[]",
        "null",
        "1",
        '"text"',
        "true",
        "",
        " ",
        "{",
        "{}}",
        "\uFEFF{}",
        "{'a':1}",
        "NaN",
        '{"a":1,}',
      )
      .map((raw) => ({ raw: Buffer.from(raw, "utf8"), what: `text ${JSON.stringify(raw)}` })),
    fc.nat({ max: Math.max(0, text.length - 1) }).map((at) => ({
      raw: Buffer.from(text.slice(0, at), "utf8"),
      what: `truncated at ${at}`,
    })),
    fc
      .constantFrom(
        Buffer.from([0xff, 0xfe]),
        Buffer.from([0xc3, 0x28]),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from([0xf4, 0x90, 0x80, 0x80]),
      )
      .chain((bad) =>
        fc.nat({ max: text.length }).map((at) => ({
          raw: Buffer.concat([Buffer.from(text.slice(0, at)), bad, Buffer.from(text.slice(at))]),
          what: `invalid UTF-8 ${bad.toString("hex")} at ${at}`,
        })),
      ),
    // Inside a string value: the text stays JSON, the bytes are not UTF-8.
    fc.constantFrom(Buffer.from([0xff]), Buffer.from([0xc0, 0xaf])).map((bad) => ({
      raw: Buffer.concat([Buffer.from('{"name":"a'), bad, Buffer.from('b"}')]),
      what: `invalid UTF-8 ${bad.toString("hex")} in a string`,
    })),
    fc.constantFrom(64 * 1024 + 1, 200_000).map((size) => ({
      raw: Buffer.from(text + " ".repeat(Math.max(0, size - Buffer.byteLength(text))), "utf8"),
      what: `${size} bytes`,
    })),
  );
}

/** Content types a body may come with; only JSON ones may be accepted. */
export const contentTypes = fc.constantFrom<string | undefined>(
  undefined,
  "",
  "text/plain",
  "text/plain; charset=utf-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/jsonp",
  "application/json-patch",
  "APPLICATION/JSON",
  "application/json;charset=utf-16",
  "application/vnd.api+json",
  "application/merge-patch+json",
  "json",
  "application/xml",
  "*/*",
);

/** Header values as Node lets a client send them (Latin-1, no control characters). */
const headerText = fc
  .string({ unit: "binary", maxLength: 60 })
  .map((text) => text.replace(/[^\t\x20-\x7e\x80-\xff]/g, "?"));

/** Headers no reasonable client sends. */
export const absurdHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  fc.constant({ "x-junk": "a".repeat(8_000) }),
  fc.dictionary(fc.stringMatching(/^x-[a-z0-9-]{1,20}$/), headerText, { maxKeys: 60 }),
  fc.constantFrom<Record<string, string>>(
    { "x-forwarded-for": "127.0.0.1" },
    { "x-real-ip": "127.0.0.1", forwarded: "for=127.0.0.1" },
    { origin: "https://evil.example" },
    { origin: "null" },
    { "sec-fetch-site": "cross-site" },
    { "sec-fetch-site": "same-site" },
    { "sec-fetch-site": "none" },
    { "if-match": "*" },
    { "if-none-match": '"x", W/"y", *' },
    { "accept-encoding": "br;q=0, gzip;q=0, identity;q=0" },
    { "accept-encoding": "x".repeat(3_000) },
    { cookie: "a=b; session=x" },
    { "idempotency-key": "é" },
    { "idempotency-key": "" },
    { "idempotency-key": "k".repeat(256) },
    { "content-encoding": "gzip" },
    { expect: "100-continue" },
    { range: "bytes=0-1" },
  ),
);

/** Authorization headers: none of them names a live session. */
export const forgedAuthorizations = fc.oneof(
  fc.constantFrom(
    "",
    "Bearer",
    "Bearer ",
    "Basic dXNlcjpwYXNz",
    "bearer x",
    "Bearer a b",
    `Bearer ${"A".repeat(43)}`,
    `Bearer ${"a".repeat(5_000)}`,
  ),
  fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((token) => `Bearer ${token}`),
  headerText.map((token) => `Bearer ${token}`),
);

/** Path segments that cannot name anything, percent-encoded as a client must. */
export const forgedSegments = fc
  .oneof(
    fc.constantFrom(
      "0",
      "-1",
      "1e3",
      " 1",
      "١",
      "..",
      ".",
      "%",
      "null",
      "undefined",
      "__proto__",
      "a".repeat(5_000),
      "r_",
      "a_",
      "tx_",
      "nt_",
      "ev_",
      "al_",
      "c_",
      "r_0000000000000000000000000000000g",
      "999999999999999999999",
    ),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }),
    fc.string({ unit: "binary", minLength: 1, maxLength: 20 }),
    fc.stringMatching(/^[a-z]{1,2}_[A-Za-z0-9_-]{1,40}$/),
  )
  .map((segment) => encodeURIComponent(segment.replace(/[\ud800-\udfff]/g, "?")));

/** A cursor this API never handed out. */
export const forgedCursors = fc.oneof(
  fc.constantFrom("", "x", "=", "%%%", "a".repeat(2_049), "eyJ9", "bnVsbA", "W10", "MQ"),
  fc
    .jsonValue({ maxDepth: 2 })
    .map((value) => Buffer.from(JSON.stringify(value) ?? "null").toString("base64url")),
  fc
    .dictionary(
      fc.constantFrom("pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "list", "s0", "s1"),
      fc.oneof(fc.string(), fc.integer(), fc.constant("ACCOUNT#a_x")),
    )
    .map((value) => Buffer.from(JSON.stringify(value)).toString("base64url")),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString("base64url")),
);

/** Query values no schema allows. */
export const forgedQueryValues = fc.oneof(
  fc.constantFrom(
    "",
    "0",
    "-1",
    "101",
    "1.5",
    "1e2",
    "20 ",
    " 20",
    "０",
    "abc",
    "a".repeat(3_000),
    "true",
    "null",
    "2026-13-40",
    "2026-02-30T00:00:00Z",
    "%",
  ),
  fc.string({ unit: "grapheme", maxLength: 30 }),
);
