// The typed TypeScript client of the Tombola API: openapi-fetch over the types openapi-typescript
// generates from openapi.json (`npm run openapi`). Every path, parameter, body and answer is
// typed; a call's `data` is the success body and `error` the problem (RFC 9457).
import createClient, { type ClientOptions } from "openapi-fetch";
import type { components, paths } from "./schema";

export type { components, paths };
/** A named schema of the API: `Schema<"Raffle">`, `Schema<"Problem">`. */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];

/** A client of the Tombola API at `baseUrl` (e.g. `http://127.0.0.1:3000`). */
export function createTombolaClient(baseUrl: string, options: Omit<ClientOptions, "baseUrl"> = {}) {
  return createClient<paths>({ ...options, baseUrl });
}

export type TombolaClient = ReturnType<typeof createTombolaClient>;
