import * as z from "zod";

/** `?limit=` (1–100, default 20) and `?cursor=`, the query of every list route. */
export const pageQuery = z.strictObject({
  limit: z
    .string()
    .regex(/^[1-9]\d{0,2}$/, "Must be a whole number from 1 to 100")
    .transform(Number)
    .pipe(z.number().max(100, "Must be a whole number from 1 to 100"))
    .default(20),
  cursor: z.string().min(1).max(2048).optional(),
});

/** A page of a list: `{"items": [...], "next_cursor": string|null}`. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.string().nullable() });
