/** One schema violation, located by a path such as `prizes[0].quantity`. */
export interface FieldError {
  path: string;
  message: string;
}

/** What a domain error may carry besides its code and detail. */
export interface DomainErrorOptions {
  /** With `validation_failed`: every problem found. */
  errors?: FieldError[];
  /** When the caller may try again (429, 503): the answer's `Retry-After`. */
  retryAfterSeconds?: number;
}

/**
 * What went wrong, in the API's own terms: a stable `code` (`sold_out`, `raffle_not_found`) and
 * a `detail` for people. Domains throw it and never an HTTP answer: the HTTP wrapper answers it
 * with the status that the route declares for its code.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly options: DomainErrorOptions = {},
  ) {
    super(detail);
    this.name = "DomainError";
  }

  /** `<thing>_not_found`: `DomainError.notFound("raffle")` is `raffle_not_found`. */
  static notFound(thing: string, detail = `No such ${thing.replaceAll("_", " ")}`) {
    return new DomainError(`${thing}_not_found`, detail);
  }

  /** `unavailable`: not the request's fault (a pile-up, a beacon out of reach); try again later. */
  static busy(retryAfterSeconds = 1, detail = "The service is busy; try again shortly") {
    return new DomainError("unavailable", detail, { retryAfterSeconds });
  }

  /** `validation_failed`, naming every field at fault. */
  static invalid(errors: FieldError[]) {
    return new DomainError("validation_failed", "The request breaks the schema", { errors });
  }
}
