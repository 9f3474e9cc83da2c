import { randomUUID } from "node:crypto";
import { appendFile } from "node:fs/promises";
import { logger } from "#platform/observability/logger";
import type { SmsSender } from "./sms-sender";

/**
 * The local stand-in for an SMS provider: each message becomes one JSON line in `file` (when
 * given) and one log line, so a developer sees exactly what would have been sent.
 */
export function logSmsSender(file: string | undefined): SmsSender {
  return {
    async send(message) {
      const messageId = `local-${randomUUID()}`;
      const line = {
        message_id: messageId,
        to: message.to,
        text: message.text,
        reference: message.reference,
        sent_at: new Date().toISOString(),
      };
      // One write per line, appended: concurrent sends never interleave within a line.
      if (file) await appendFile(file, `${JSON.stringify(line)}\n`, "utf8");
      logger.info("sms", line);
      return { messageId };
    },
  };
}
