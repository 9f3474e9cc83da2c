// The coupon listings' stream function on DynamoDB Local's real stream, run by the local stream
// runner as `npm start` runs it (from the stream's trim horizon). Free of vitest: the tests and
// the bench share it.
import { couponListingsFunction, keepCouponListings } from "#coupons";
import {
  runnerFunctionOf,
  type StreamRunner,
  startStreamRunner,
} from "../../infra/local/stream-runner";

let running: Promise<StreamRunner> | undefined;

/**
 * Resolves once coupon lists show every write made before the call (the listings' stream
 * function has handled it, and what that wrote in turn). The first call in a process starts the
 * function on the process's table; it reads the stream from its start, so nothing is missed.
 */
export async function couponListingsCaughtUp(): Promise<void> {
  running ??= startStreamRunner({
    endpoint: process.env.DYNAMODB_ENDPOINT as string,
    tableName: process.env.TABLE_NAME as string,
    pollIntervalMs: 20,
    functions: [runnerFunctionOf(couponListingsFunction, keepCouponListings)],
  });
  await (await running).caughtUp();
}

/** Stops the listings' function if this process started it (before its table goes). */
export async function stopCouponListings(): Promise<void> {
  const runner = running;
  running = undefined;
  if (runner) await (await runner).stop();
}

/**
 * Catches the lists up, then stops the function: for a test that counts its own DynamoDB
 * requests, which the function's, made in the same process, would join.
 */
export async function couponListingsSettled(): Promise<void> {
  await couponListingsCaughtUp();
  await stopCouponListings();
}
