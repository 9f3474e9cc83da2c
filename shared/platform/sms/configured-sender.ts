import { join } from "node:path";
import { awsSmsSender } from "./aws-sms";
import { logSmsSender } from "./log-sms";
import { disabledSmsSender, type SmsSender } from "./sms-sender";

/**
 * The SMS sender the environment asks for: `SMS_PROVIDER=aws` (AWS End User Messaging SMS with
 * `SMS_ORIGINATION_IDENTITY`, optional `SMS_CONFIGURATION_SET` and `SMS_ENDPOINT`), `disabled`
 * (a deployment without an origination identity: nothing is sent, see SmsDisabledError) or
 * `log` (the default: a JSON line per message in `DATA_DIR/sms.jsonl`, and the console). `aws`
 * without an identity stops the function at start rather than failing every message.
 */
export function configuredSmsSender(env: NodeJS.ProcessEnv = process.env): SmsSender {
  const provider = env.SMS_PROVIDER || "log";
  if (provider === "log") {
    return logSmsSender(env.DATA_DIR ? join(env.DATA_DIR, "sms.jsonl") : undefined);
  }
  if (provider === "disabled") return disabledSmsSender();
  if (provider !== "aws")
    throw new Error(`SMS_PROVIDER must be aws or log (or disabled), not "${provider}"`);
  const originationIdentity = env.SMS_ORIGINATION_IDENTITY;
  if (!originationIdentity) throw new Error("SMS_PROVIDER=aws needs SMS_ORIGINATION_IDENTITY");
  return awsSmsSender({
    originationIdentity,
    configurationSetName: env.SMS_CONFIGURATION_SET || undefined,
    endpoint: env.SMS_ENDPOINT || undefined,
  });
}
