import { afterEach, describe, expect, it } from "vitest";
import { newSessionToken } from "#accounts/core/tokens";
import { logger } from "#platform/observability/logger";
import { newVerificationCode } from "#raffles/core/verification-code";
import {
  recorded,
  recordOutput,
  recordSecret,
  resetSecrets,
  secretLeaks,
} from "../../support/secrets";

// The check of secrets-setup.ts, checked: it must see the logger's lines and the wrapped
// generators' secrets, find a leak, and let only the handing-out response carry a secret.
afterEach(() => resetSecrets());

describe("the secrets check", () => {
  it("records what the wrapped generators make", () => {
    resetSecrets();
    const token = newSessionToken();
    const { code } = newVerificationCode();
    expect(recorded().secrets).toBe(3);
    recordOutput("response", JSON.stringify({ token }), "POST /v1/sessions");
    recordOutput("response", JSON.stringify({ verification_code: code }), "a claim");
    expect(secretLeaks()).toEqual([]);
  });

  it("finds a secret in a log line the logger writes", () => {
    resetSecrets();
    const token = newSessionToken();
    logger.info("oops", { header: `Bearer ${token}` });
    expect(secretLeaks()).toEqual(["bearer token (43 characters) in a log: this process's output"]);
  });

  it("finds a secret in any response but the one that hands it out, JSON-escaped or not", () => {
    resetSecrets();
    recordSecret("password", 'correct "horse" battery');
    recordOutput("response", JSON.stringify({ name: 'correct "horse" battery' }), "GET /x");
    recordSecret("operator seed", "5eed1234abcd5678");
    recordOutput(
      "response",
      JSON.stringify({ operator_seed: "5eed1234abcd5678", status: "open" }),
      "audit",
    );
    recordOutput(
      "response",
      JSON.stringify({ operator_seed: "5eed1234abcd5678", status: "drawn" }),
      "audit",
    );
    expect(secretLeaks()).toEqual([
      "password (23 characters) in a response: GET /x",
      "operator seed (16 characters) in a response: audit",
    ]);
  });
});
