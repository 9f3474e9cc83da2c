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
