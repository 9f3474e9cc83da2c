/** Spearman's rank correlation of two equally long lists of distinct numbers. */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  const ranks = (values: readonly number[]) => {
    const order = values
      .map((value, index) => ({ value, index }))
      .sort((a, b) => a.value - b.value);
    const result = Array<number>(values.length);
    order.forEach(({ index }, rank) => {
      result[index] = rank;
    });
    return result;
  };
  const rx = ranks(xs);
  const ry = ranks(ys);
  const n = xs.length;
  const sumSquares = rx.reduce((sum, r, i) => sum + (r - (ry[i] as number)) ** 2, 0);
  return 1 - (6 * sumSquares) / (n * (n * n - 1));
}
