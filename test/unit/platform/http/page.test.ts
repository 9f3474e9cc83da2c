import { describe, expect, it } from "vitest";
import { pageQuery } from "#platform/http/page";

describe("the page query", () => {
  it("defaults the limit to 20 and reads plain whole numbers from 1 to 100", () => {
    expect(pageQuery.parse({})).toEqual({ limit: 20 });
    expect(pageQuery.parse({ limit: "1" }).limit).toBe(1);
    expect(pageQuery.parse({ limit: "100", cursor: "abc" })).toEqual({ limit: 100, cursor: "abc" });
  });

  it.each(["0", "101", "-1", "abc", "0x10", "1e1", "05", "+5", " 5", "100.0", "1,2", ""])(
    "refuses limit=%j",
    (limit) => {
      expect(pageQuery.safeParse({ limit }).success).toBe(false);
    },
  );

  it("refuses unknown parameters", () => {
    expect(pageQuery.safeParse({ limt: "5" }).success).toBe(false);
  });
});
