/** One text message to send. */
export interface SmsMessage {
  /** E.164 phone number. */
  to: string;
  text: string;
  /** Our id of the message, handed to the provider for its delivery events. */
  reference: string;
}

/** Something that sends text messages: AWS End User Messaging SMS, or a local log. */
export interface SmsSender {
  /** Sends one message; resolves with the provider's message id, or throws SmsSendError. */
  send(message: SmsMessage): Promise<{ messageId: string }>;
}

/**
 * A send that failed, named as the provider named its error (e.g. `ThrottlingException`);
 * `retryable` says whether trying again later may succeed.
 */
export class SmsSendError extends Error {
  constructor(
    name: string,
    message: string,
    readonly retryable: boolean,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = name;
  }
}

/**
 * Sending is turned off in this deployment (it has no SMS origination identity): nothing was
 * sent, and trying again will not change that. The work records the message `skipped` with
 * `sms_disabled` rather than failing it.
 */
export class SmsDisabledError extends SmsSendError {
  constructor() {
    super("SmsDisabled", "This deployment has no SMS origination identity", false);
  }
}

/** The sender of a deployment without SMS: every send throws SmsDisabledError. */
export const disabledSmsSender = (): SmsSender => ({
  async send() {
    throw new SmsDisabledError();
  },
});
