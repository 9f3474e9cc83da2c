import { describe, expect, it } from "vitest";
import { deliveryId, isSuccess, keptResponse } from "#webhooks/core/delivery";
import { ROTATION_OVERLAP_MS, rotatedSecrets, signingSecrets } from "#webhooks/core/endpoint";
import { eventBody, subscribesTo } from "#webhooks/core/events";
import {
  baseDelayMs,
  DISABLE_AFTER_MS,
  failedTooLong,
  nextAttemptAt,
  RETRY_WINDOW_MS,
} from "#webhooks/core/retry-schedule";
import { deliveryHeaders, newWebhookSecret, signature } from "#webhooks/core/signature";
import { isForbiddenAddress, refuseAddresses, refuseUrl } from "#webhooks/core/url-policy";
import { verifyStandardWebhook } from "../../support/webhook-receiver";

describe("signatures", () => {
  it("match the Standard Webhooks specification's own example", () => {
    expect(
      signature(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1614265330,
        '{"test": 2432232314}',
      ),
    ).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("sign with every live secret, each verified by an independent implementation", () => {
    const [a, b] = [newWebhookSecret(), newWebhookSecret()];
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = eventBody({
      type: "raffle.drawn",
      timestamp: "2026-11-21T10:00:00.000Z",
      data: { id: "r_1" },
    });
    const headers = deliveryHeaders([a, b], "evt_x", 1_700_000_000_999, body);
    expect(headers["webhook-timestamp"]).toBe("1700000000");
    expect(String(headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verifyStandardWebhook(a, headers, body)).toBe(true);
    expect(verifyStandardWebhook(b, headers, body)).toBe(true);
    expect(verifyStandardWebhook(newWebhookSecret(), headers, body)).toBe(false);
    expect(verifyStandardWebhook(a, headers, `${body} `)).toBe(false);
  });
});

describe("secret rotation", () => {
  it("keeps the old secret signing for 24 h beside the new one, never more than two", () => {
    const now = 1_000_000;
    const once = rotatedSecrets([{ secret: "old" }], "new", now);
    expect(signingSecrets(once, now)).toEqual(["new", "old"]);
    expect(signingSecrets(once, now + ROTATION_OVERLAP_MS - 1)).toEqual(["new", "old"]);
    expect(signingSecrets(once, now + ROTATION_OVERLAP_MS)).toEqual(["new"]);
    const twice = rotatedSecrets(once, "newer", now + 1);
    expect(twice.map((s) => s.secret)).toEqual(["newer", "new"]);
  });
});

describe("the retry schedule", () => {
  it("waits about 5 s, 1 min, 5 min, 30 min, 2 h, then every 5 h, with jitter of ±20%", () => {
    expect([1, 2, 3, 4, 5, 6, 12].map(baseDelayMs)).toEqual([
      5_000, 60_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 18_000_000,
    ]);
    expect(nextAttemptAt(1, 0, 0, 0)).toBe(4_000);
    expect(nextAttemptAt(1, 0, 0, 0.999_999)).toBeCloseTo(6_000, -1);
    expect(nextAttemptAt(2, 0, 0, 0.5)).toBe(60_000);
  });

  it("ends after 3 days: 19 attempts in all (6 in the first 3 hours, then one every 5 h)", () => {
    let now = 0;
    let attempts = 1;
    for (let at = nextAttemptAt(1, 0, now, 0.5); at !== undefined; attempts++) {
      now = at;
      at = nextAttemptAt(attempts + 1, 0, now, 0.5);
    }
    expect(now).toBeLessThanOrEqual(RETRY_WINDOW_MS);
    expect(attempts).toBe(19);
  });

  it("disables an endpoint 5 days into its failures", () => {
    expect(failedTooLong(0, DISABLE_AFTER_MS - 1)).toBe(false);
    expect(failedTooLong(0, DISABLE_AFTER_MS)).toBe(true);
  });
});

describe("endpoint URLs and addresses", () => {
  it("refuses loopback, private, link-local, metadata, shared and reserved addresses", () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "::1",
      "::",
      "fe80::1",
      "fd00:ec2::254",
      "fc00::1",
      "::ffff:127.0.0.1",
      "::ffff:a9fe:a9fe",
      "64:ff9b::10.0.0.1",
      "not-an-ip",
    ]) {
      expect(isForbiddenAddress(address), address).toBe(true);
    }
    for (const address of ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) {
      expect(isForbiddenAddress(address), address).toBe(false);
    }
  });

  it("takes https URLs to public hosts only, unless private targets are allowed", () => {
    expect(refuseUrl("https://hooks.example.com/x", false)).toBeUndefined();
    for (const url of [
      "http://hooks.example.com/x",
      "ftp://hooks.example.com",
      "https://user:pw@hooks.example.com",
      "https://127.0.0.1/",
      "https://[::1]/",
      "https://169.254.169.254/latest/meta-data",
      "https://localhost/",
      "https://metadata.google.internal/",
      "https://db.internal/",
      "not a url",
      `https://example.com/${"a".repeat(2048)}`,
    ]) {
      expect(refuseUrl(url, false), url).toBeDefined();
    }
    expect(refuseUrl("http://127.0.0.1:3000/hook", true)).toBeUndefined();
    expect(refuseAddresses(["93.184.215.14", "10.0.0.1"], false)).toMatch(/private/);
    expect(refuseAddresses([], false)).toMatch(/does not resolve/);
    expect(refuseAddresses(["127.0.0.1"], true)).toBeUndefined();
  });
});

describe("deliveries", () => {
  it("have one id per event and endpoint; a 2xx is success; 1 KiB of an answer is kept", () => {
    expect(deliveryId("evt_a", "we_b")).toBe(deliveryId("evt_a", "we_b"));
    expect(deliveryId("evt_a", "we_b")).not.toBe(deliveryId("evt_a", "we_c"));
    expect(deliveryId("evt_a", "we_b")).toMatch(/^wd_[A-Za-z0-9_-]{22}$/);
    expect([200, 204, 299].every(isSuccess)).toBe(true);
    expect([null, 199, 301, 404, 500].some(isSuccess)).toBe(false);
    expect(Buffer.byteLength(keptResponse(Buffer.from("é".repeat(1000))))).toBeLessThanOrEqual(
      1024,
    );
    expect(subscribesTo(["*"], "raffle.drawn")).toBe(true);
    expect(subscribesTo(["*"], "webhook.test")).toBe(false);
    expect(subscribesTo(["coupon.redeemed"], "raffle.drawn")).toBe(false);
  });
});
