/** Joins key parts with `#`, the table's one separator: `key("RAFFLE", id)` → `RAFFLE#<id>`. */
export const key = (...parts: (string | number)[]) => parts.join("#");

/** A number padded so that string order is numeric order (sort keys, index keys). */
export const sortableNumber = (value: number | bigint, width = 16) =>
  value.toString().padStart(width, "0");
