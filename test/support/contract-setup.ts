import { afterEach, expect } from "vitest";
import { seenViolations } from "./contract";

// An answer that breaks the OpenAPI document throws where it is received; this also fails the
// test when a rejection was swallowed (Promise.allSettled, a catch that counts outcomes).
afterEach(() => {
  const violations = seenViolations.splice(0);
  expect(violations, "answers that the OpenAPI document does not allow").toEqual([]);
});
