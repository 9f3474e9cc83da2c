import { type NewNotification, notificationId } from "./notification";

/** What the SMS of a transaction says about it: amounts as the transaction shows them. */
export interface TransactionMessage {
  name: string;
  type: "credit" | "debit";
  /** Decimal text with two decimals, e.g. `12.50`. */
  amount: string;
  balanceAfter: string;
  currency: string;
}

/** Links in any form a phone would make tappable: `scheme://…`, `www.…`, `host.tld…`. */
const LINK = /\b[a-z][a-z0-9+.-]*:\/\/\S*|\bwww\.\S*|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b\S*/giu;

/**
 * An account's name as it may appear in an SMS sent under the operator's sender id: control and
 * format characters (newlines, bidi overrides) become spaces, links are removed (a name is no
 * way to send the operator's customers a phishing link), whitespace is collapsed, at most 40
 * characters; a name with nothing left is "there" ("Hi there").
 */
export function smsSafeName(name: string): string {
  const cleaned = name
    .replace(/[\p{Cc}\p{Cf}]/gu, " ")
    .replace(LINK, " ")
    .replace(/\s+/gu, " ")
    .trim();
  return [...cleaned].slice(0, 40).join("").trim() || "there";
}

/** The SMS text of a transaction, exactly as API.md gives it (the name made SMS-safe). */
export function renderTransactionSms(message: TransactionMessage): string {
  const verb = message.type === "credit" ? "credited" : "debited";
  return `Hi ${smsSafeName(message.name)}, your account was ${verb} with ${message.currency} ${message.amount}. Balance: ${message.currency} ${message.balanceAfter}.`;
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

/** A posted transaction, as its notification needs it. */
export interface NotifiedTransaction extends Omit<TransactionMessage, "name"> {
  accountId: string;
  transactionId: string;
  /** ISO time of the posting: the notification's creation time. */
  createdAt: string;
}

/** The account the transaction belongs to, as the posting read it. */
export interface NotifiedAccount extends Recipient {
  name: string;
}

/**
 * The notification of a posted transaction: its id (named by the transaction), whether it is
 * sent and to whom, and its text, rendered now from the account as the posting read it.
 */
export function composeNotification(
  account: NotifiedAccount,
  transaction: NotifiedTransaction,
): NewNotification {
  const delivery = decideDelivery(account);
  return {
    id: notificationId(transaction.accountId, transaction.transactionId),
    accountId: transaction.accountId,
    transactionId: transaction.transactionId,
    ...(delivery.status === "pending"
      ? { status: "pending", to: delivery.to }
      : { status: "skipped", detail: delivery.detail }),
    text: renderTransactionSms({ ...transaction, name: account.name }),
    createdAt: transaction.createdAt,
  };
}
