import { MAX_BODY_BYTES } from "./body";
import { refusesCrossSite } from "./cross-site";
import { pathIdsOf } from "./path-id";
import type { ErrorSpec, HttpContract } from "./route";

/** The errors a route can answer besides its own, derived from what it declares. */
export function commonErrors(route: HttpContract): ErrorSpec[] {
  const takesBody = route.body !== undefined;
  const takesInput =
    takesBody ||
    route.params !== undefined ||
    route.query !== undefined ||
    route.headers !== undefined;
  const errors: ErrorSpec[] = [
    {
      status: 400,
      code: "invalid_json",
      description: takesBody
        ? "The body is not a JSON object"
        : "A body was sent that is not a JSON object (this route takes none)",
    },
    ...Object.values(pathIdsOf(route.params)).map((thing) => ({
      status: 404,
      code: `${thing}_not_found`,
      description: `No ${thing.replaceAll("_", " ")} has this id, or it cannot be one`,
    })),
    {
      status: 413,
      code: "payload_too_large",
      description: `The body is over ${MAX_BODY_BYTES / 1024} KiB`,
    },
    {
      status: 415,
      code: "unsupported_media_type",
      description: "A body whose `Content-Type` is not `application/json` or a `+json` type",
    },
    {
      status: 422,
      code: "validation_failed",
      description: takesInput
        ? "The body, a parameter or a header breaks the schema; `errors` lists each problem"
        : "A body with any field was sent (this route takes none)",
    },
    { status: 500, code: "internal_error", description: "A fault on our side, logged" },
    {
      status: 503,
      code: "unavailable",
      description: "The table throttled or failed after retries; nothing was changed",
    },
  ];
  if (route.access === "manager") {
    errors.push(
      {
        status: 401,
        code: "unauthenticated",
        description: "`MANAGER_KEYS=required` and no live operator key (none, malformed, unknown)",
      },
      {
        status: 403,
        code: "forbidden",
        description: "The caller is not inside `MANAGER_CIDRS`, or its operator key is revoked",
      },
    );
  }
  if (refusesCrossSite(route)) {
    errors.push({
      status: 403,
      code: "cross_site_request",
      description: "A browser sent this from another site (`Sec-Fetch-Site`, `Origin`)",
    });
  }
  if (route.rateLimit) {
    errors.push({
      status: 429,
      code: "too_many_requests",
      description: `More than ${route.rateLimit.perMinute} (by default) of these requests this minute from one address`,
    });
  }
  if (route.access === "account") {
    errors.push({
      status: 401,
      code: "unauthenticated",
      description: "No bearer token, or one that is unknown, expired or revoked",
    });
  }
  return errors;
}

/** Every error a route can answer, grouped by status (ascending), its own before the common. */
export function routeErrors(route: HttpContract): Map<number, ErrorSpec[]> {
  const byStatus = new Map<number, ErrorSpec[]>();
  const all = [...(route.errors ?? []), ...commonErrors(route)].sort((a, b) => a.status - b.status);
  for (const error of all) {
    const list = byStatus.get(error.status) ?? [];
    if (!list.some((known) => known.code === error.code)) list.push(error);
    byStatus.set(error.status, list);
  }
  return byStatus;
}
