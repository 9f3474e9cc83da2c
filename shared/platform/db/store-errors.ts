/** The store stayed throttled or conflicted after every retry; the caller should try later. */
export class StoreUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super("The store is unavailable after retries");
    this.name = "StoreUnavailableError";
  }
}

const OVERLOAD_ERRORS = new Set([
  "TimeoutError",
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
]);
/** The store out of reach: refused, reset or dropped connections (the request may have committed). */
const NETWORK_ERRORS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
const CONFLICT_ERRORS = new Set(["TransactionConflictException", "TransactionInProgressException"]);
const TRANSIENT_REASONS = new Set([
  "TransactionConflict",
  "ThrottlingError",
  "ProvisionedThroughputExceeded",
  "RequestLimitExceeded",
]);

const nameOf = (error: unknown) => (error as { name?: string } | undefined)?.name ?? "";

const codeOf = (error: unknown) => (error as { code?: string } | undefined)?.code ?? "";

/**
 * Throttling, a timeout, a server fault or the store out of reach: the SDK has already retried
 * these with backoff; the client is told to try again (503), never that the request failed.
 */
export const isOverloaded = (error: unknown) =>
  OVERLOAD_ERRORS.has(nameOf(error)) || NETWORK_ERRORS.has(codeOf(error));

/**
 * A transaction that lost to a concurrent one: a conflict, or a cancelled transaction whose
 * only failures are conflicts or throttling (a failed condition is an answer, never retried).
 * The SDK does not retry these.
 */
export function isTransactionConflict(error: unknown): boolean {
  const name = nameOf(error);
  if (CONFLICT_ERRORS.has(name)) return true;
  if (name !== "TransactionCanceledException") return false;
  const codes = ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [])
    .map((reason) => reason.Code ?? "None")
    .filter((code) => code !== "None");
  return codes.length > 0 && codes.every((code) => TRANSIENT_REASONS.has(code));
}

/** Whether an error says "try again later" rather than "this request is wrong". */
export const isTransientStoreError = (error: unknown) =>
  error instanceof StoreUnavailableError || isOverloaded(error) || isTransactionConflict(error);
