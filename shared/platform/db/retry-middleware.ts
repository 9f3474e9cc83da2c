import type { InitializeHandler, InitializeMiddleware, MetadataBearer } from "@smithy/types";
import { backoff } from "./backoff";
import { isOverloaded, isTransactionConflict, StoreUnavailableError } from "./store-errors";

/** How hard to try a conflicted transaction again before the request answers 503. */
const ATTEMPTS = 5;
const BASE_DELAY_MS = 20;
const MAX_DELAY_MS = 400;

/**
 * Retries transaction conflicts, which the SDK's own retries leave alone, with full-jitter
 * backoff. Throttling the SDK has already retried; when either persists the request fails with
 * StoreUnavailableError, which the HTTP layer answers with 503 and Retry-After.
 */
export function retryTransientErrors() {
  const middleware: InitializeMiddleware<object, MetadataBearer> =
    (next: InitializeHandler<object, MetadataBearer>) => async (args) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await next(args);
        } catch (error) {
          if (isOverloaded(error)) throw new StoreUnavailableError(error);
          if (!isTransactionConflict(error)) throw error;
          if (attempt >= ATTEMPTS) throw new StoreUnavailableError(error);
          await backoff(attempt, BASE_DELAY_MS, MAX_DELAY_MS);
        }
      }
    };
  return middleware;
}
