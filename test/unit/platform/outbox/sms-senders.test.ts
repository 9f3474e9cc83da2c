import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configuredSmsSender } from "#platform/sms/configured-sender";
import { SmsDisabledError } from "#platform/sms/sms-sender";

describe("the configured SMS sender", () => {
  it("logs each message as one JSON line in DATA_DIR/sms.jsonl by default", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sms-log-"));
    try {
      const sender = configuredSmsSender({ DATA_DIR: dir });
      const first = await sender.send({ to: "+15550100", text: "one", reference: "nt_1" });
      await sender.send({ to: "+15550101", text: 'two, "quoted"\nline', reference: "nt_2" });
      const lines = readFileSync(join(dir, "sms.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(lines).toEqual([
        {
          message_id: first.messageId,
          to: "+15550100",
          text: "one",
          reference: "nt_1",
          sent_at: expect.any(String),
        },
        expect.objectContaining({ text: 'two, "quoted"\nline', reference: "nt_2" }),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses an unknown provider, and aws without an origination identity", () => {
    expect(() => configuredSmsSender({ SMS_PROVIDER: "sns" })).toThrow(/aws or log/);
    expect(() => configuredSmsSender({ SMS_PROVIDER: "aws" })).toThrow(/SMS_ORIGINATION_IDENTITY/);
    expect(() =>
      configuredSmsSender({ SMS_PROVIDER: "aws", SMS_ORIGINATION_IDENTITY: "arn:aws:sms-voice:x" }),
    ).not.toThrow();
  });
});

describe("a deployment without SMS", () => {
  it("sends nothing: every send throws SmsDisabledError, which is not retryable", async () => {
    const sender = configuredSmsSender({ SMS_PROVIDER: "disabled" });
    const sent = sender.send({ to: "+15550100", text: "one", reference: "nt_1" });
    await expect(sent).rejects.toBeInstanceOf(SmsDisabledError);
    await expect(sent).rejects.toMatchObject({ name: "SmsDisabled", retryable: false });
  });
});
