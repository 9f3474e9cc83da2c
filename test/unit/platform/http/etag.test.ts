import { describe, expect, it } from "vitest";
import { etagOf, ifMatchHolds, parseIfMatch } from "#platform/http/etag";
import { applyMergePatch } from "#platform/http/merge-patch";

describe("If-Match", () => {
  it("parses *, lists with spaces and empty elements, weak tags; refuses anything else", () => {
    expect(parseIfMatch("*")).toEqual({ any: true });
    expect(parseIfMatch(' "v1" , W/"v2",, "" ')).toEqual({
      any: false,
      tags: ['"v1"', 'W/"v2"', '""'],
    });
    for (const bad of ["", " ", ",", "v1", '"v1', 'w/"v1"', '"a"b"', '*, "v1"', '"tab\t"']) {
      expect(parseIfMatch(bad), bad).toBeUndefined();
    }
  });

  it("compares strongly: a weak tag never matches; * and no header always do", () => {
    const current = etagOf(3);
    expect(current).toBe('"v3"');
    expect(ifMatchHolds(undefined, current)).toBe(true);
    expect(ifMatchHolds(parseIfMatch("*"), current)).toBe(true);
    expect(ifMatchHolds(parseIfMatch('"v2", "v3"'), current)).toBe(true);
    expect(ifMatchHolds(parseIfMatch('W/"v3"'), current)).toBe(false);
    expect(ifMatchHolds(parseIfMatch('"v30"'), current)).toBe(false);
  });
});

describe("JSON merge patch (RFC 7396, its appendix A examples)", () => {
  const cases: [unknown, unknown, unknown][] = [
    [{ a: "b" }, { a: "c" }, { a: "c" }],
    [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }],
    [{ a: "b" }, { a: null }, {}],
    [{ a: "b", b: "c" }, { a: null }, { b: "c" }],
    [{ a: ["b"] }, { a: "c" }, { a: "c" }],
    [{ a: "c" }, { a: ["b"] }, { a: ["b"] }],
    [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
    [{ a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
    [
      ["a", "b"],
      ["c", "d"],
      ["c", "d"],
    ],
    [{ a: "b" }, ["c"], ["c"]],
    [{ a: "foo" }, null, null],
    [{ a: "foo" }, "bar", "bar"],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: "b", c: null }, { a: "b" }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  it.each(cases)("%j patched with %j is %j", (target, patch, result) => {
    expect(applyMergePatch(target, patch)).toEqual(result);
  });

  it("keeps a __proto__ key as data", () => {
    const merged = applyMergePatch({}, JSON.parse('{"__proto__": {"polluted": true}}')) as object;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
