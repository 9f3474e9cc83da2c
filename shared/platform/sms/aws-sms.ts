import {
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
} from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { SmsSendError, type SmsSender } from "./sms-sender";

/** Where and how AWS End User Messaging SMS sends: the stack's parameters, when deployed. */
export interface AwsSmsConfig {
  originationIdentity: string;
  configurationSetName?: string | undefined;
  /** Another endpoint for the real client (tests: a local stand-in), like DYNAMODB_ENDPOINT. */
  endpoint?: string | undefined;
}

// Worth trying again later: the service is busy or failed, or we never heard back.
const RETRYABLE = new Set([
  "ThrottlingException",
  "InternalServerException",
  "TimeoutError",
  "RequestTimeout",
  "ServiceUnavailable",
]);

function classify(error: unknown): SmsSendError {
  const e = error as Error & { Reason?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  // No HTTP status at all: the request never got an answer (refused, reset, timed out).
  const retryable = RETRYABLE.has(e.name) || status === undefined || status >= 500;
  const reason = e.Reason ? ` (${e.Reason})` : "";
  return new SmsSendError(e.name, `${e.message}${reason}`, retryable, error);
}

/**
 * AWS End User Messaging SMS through the real SDK's SendTextMessage. The SDK does not retry:
 * SendTextMessage has no idempotency token, so every attempt must go through the outbox's
 * claim, which counts it; a retry inside the SDK could send twice behind the claim's back.
 */
export function awsSmsSender(config: AwsSmsConfig): SmsSender {
  const client = new PinpointSMSVoiceV2Client({
    maxAttempts: 1,
    requestHandler: {
      connectionTimeout: 2_000,
      requestTimeout: 5_000,
      throwOnRequestTimeout: true,
    },
    ...(config.endpoint
      ? {
          endpoint: config.endpoint,
          region: process.env.AWS_REGION || "local",
          ...(process.env.AWS_ACCESS_KEY_ID
            ? {}
            : { credentials: { accessKeyId: "local", secretAccessKey: "local" } }),
        }
      : {}),
  });
  return {
    async send(message) {
      try {
        const { MessageId } = await client.send(
          new SendTextMessageCommand({
            DestinationPhoneNumber: message.to,
            MessageBody: message.text,
            MessageType: "TRANSACTIONAL",
            OriginationIdentity: config.originationIdentity,
            ...(config.configurationSetName
              ? { ConfigurationSetName: config.configurationSetName }
              : {}),
            Context: { reference: message.reference },
          }),
        );
        if (!MessageId)
          throw new SmsSendError("InvalidResponse", "The provider returned no message id", true);
        return { messageId: MessageId };
      } catch (error) {
        if (error instanceof SmsSendError) throw error;
        throw classify(error);
      }
    },
  };
}
