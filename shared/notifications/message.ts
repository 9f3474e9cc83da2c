/** What the SMS of a transaction says about it: amounts as the transaction shows them. */
export interface TransactionMessage {
  name: string;
  type: "credit" | "debit";
  /** Decimal text with two decimals, e.g. `12.50`. */
  amount: string;
  balanceAfter: string;
  currency: string;
}

/** The SMS text of a transaction, exactly as API.md gives it. */
export function renderTransactionSms(message: TransactionMessage): string {
  const verb = message.type === "credit" ? "credited" : "debited";
  return `Hi ${message.name}, your account was ${verb} with ${message.currency} ${message.amount}. Balance: ${message.currency} ${message.balanceAfter}.`;
}

/** Who a notification goes to, as the account stood when the transaction was posted. */
export interface Recipient {
  phone: string | null;
  smsNotifications: boolean;
}

/** Decided at posting time: send it, or skip it and say why (nothing is sent for those). */
export type Delivery =
  | { status: "pending"; to: string }
  | { status: "skipped"; detail: "no_phone" | "opted_out" };

/** Whether a notification is sent: the holder's choice first, then whether there is a phone. */
export function decideDelivery(recipient: Recipient): Delivery {
  if (!recipient.smsNotifications) return { status: "skipped", detail: "opted_out" };
  if (!recipient.phone) return { status: "skipped", detail: "no_phone" };
  return { status: "pending", to: recipient.phone };
}
