import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { chooseEncoding, compress } from "#platform/http/compression";

const ALL = ["br", "gzip", "identity"] as const;

describe("chooseEncoding", () => {
  it.each([
    ["br, gzip", "br"],
    ["gzip, deflate, br, zstd", "br"],
    ["gzip", "gzip"],
    ["GZIP", "gzip"],
    ["gzip;q=0.5, br;q=0", "gzip"],
    ["br;q=0, gzip;q=0", "identity"],
    ["*", "br"],
    ["*;q=0, gzip", "gzip"],
    ["deflate", "identity"],
    ["", "identity"],
    [undefined, "identity"],
    ["br;q=nonsense, gzip", "gzip"],
  ])("Accept-Encoding %j → %s", (header, expected) => {
    expect(chooseEncoding(header, ALL)).toBe(expected);
  });

  it("answers only with an encoding the asset has", () => {
    expect(chooseEncoding("br, gzip", ["gzip", "identity"])).toBe("gzip");
    expect(chooseEncoding("br", ["identity"])).toBe("identity");
  });
});

describe("compress", () => {
  it("gives bodies that decompress to the input, at either level", () => {
    const raw = Buffer.from("Tombola ".repeat(5000));
    for (const best of [false, true]) {
      const { br, gzip } = compress(raw, best);
      expect(brotliDecompressSync(br).equals(raw)).toBe(true);
      expect(gunzipSync(gzip).equals(raw)).toBe(true);
      expect(br.length).toBeLessThan(raw.length / 10);
    }
  });
});
