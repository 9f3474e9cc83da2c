import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPermutation } from "#raffles/core/permutation";

const key = Buffer.alloc(32, 7);

describe("the keyed permutation of 0..N-1", () => {
  it.each([1, 2, 3, 4, 5, 7, 10, 16, 17, 100, 255, 256, 1000, 4097])(
    "is a bijection for N = %i, and invert undoes apply",
    (size) => {
      const permutation = createPermutation(key, size);
      const images = Array.from({ length: size }, (_, slot) => permutation.apply(slot));
      expect(new Set(images).size).toBe(size);
      expect(images.every((value) => value >= 0 && value < size)).toBe(true);
      images.forEach((value, slot) => {
        expect(permutation.invert(value)).toBe(slot);
      });
    },
  );

  it("is deterministic for one key and different for another", () => {
    const a = Array.from({ length: 50 }, (_, i) => createPermutation(key, 1000).apply(i));
    const b = Array.from({ length: 50 }, (_, i) => createPermutation(key, 1000).apply(i));
    const c = Array.from({ length: 50 }, (_, i) =>
      createPermutation(randomBytes(32), 1000).apply(i),
    );
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  it("stays inside 0..N-1 and invertible for N = 100,000,000 (spot check)", () => {
    const size = 100_000_000;
    const permutation = createPermutation(randomBytes(32), size);
    const slots = [
      0,
      1,
      2,
      size - 2,
      size - 1,
      ...Array.from({ length: 2000 }, (_, i) => i * 49_999),
    ];
    const images = slots.map((slot) => permutation.apply(slot));
    expect(new Set(images).size).toBe(new Set(slots).size);
    for (const [i, value] of images.entries()) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(size);
      expect(permutation.invert(value)).toBe(slots[i]);
    }
  });

  it("does not hand out consecutive slots as consecutive tickets", () => {
    const permutation = createPermutation(randomBytes(32), 10_000);
    const images = Array.from({ length: 200 }, (_, slot) => permutation.apply(slot));
    const steps = images.slice(1).filter((value, i) => value === (images[i] as number) + 1);
    expect(steps.length).toBeLessThan(5);
  });

  it("refuses sizes and slots out of range, and short keys", () => {
    expect(() => createPermutation(key, 0)).toThrow(RangeError);
    expect(() => createPermutation(key, 2 ** 31)).toThrow(RangeError);
    expect(() => createPermutation(Buffer.alloc(8), 10)).toThrow(RangeError);
    const permutation = createPermutation(key, 10);
    expect(() => permutation.apply(10)).toThrow(RangeError);
    expect(() => permutation.apply(-1)).toThrow(RangeError);
    expect(() => permutation.apply(1.5)).toThrow(RangeError);
  });
});
