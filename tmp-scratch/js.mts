import * as z from "zod";
import { routes } from "../shared/routes";
for (const r of routes) {
  const out: Record<string, unknown> = {};
  for (const k of ["body", "params", "query", "headers"] as const) {
    const s = (r as any)[k];
    if (s) out[k] = z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
  }
  console.log(r.method, r.path, JSON.stringify(out));
}
