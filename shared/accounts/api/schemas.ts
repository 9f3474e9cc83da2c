import * as z from "zod";
import type { AccountPatch, AccountView, SignUpInput } from "#accounts/core/account";

const codePoints = (text: string) => [...text].length;

/** An email address, syntax-checked only, compared and stored in lower case. */
const emailSchema = z
  .email({ message: "Must be an email address" })
  .max(254)
  .transform((email) => email.toLowerCase());

/** 8–128 characters, counted as Unicode code points so that any script or emoji is allowed. */
const passwordSchema = z
  .string()
  .superRefine((text, context) => {
    const length = codePoints(text);
    if (length < 8) context.addIssue({ code: "custom", message: "Must be at least 8 characters" });
    if (length > 128)
      context.addIssue({ code: "custom", message: "Must be at most 128 characters" });
  })
  // JSON Schema counts string length in code points too.
  .meta({ minLength: 8, maxLength: 128 });

/** A display name: 1–100 characters once surrounding spaces are removed. */
const nameSchema = z.string().trim().min(1).max(100);

/** A phone number in E.164 form, e.g. `+41446681800`. */
const phoneSchema = z
  .string()
  .regex(/^\+[1-9]\d{1,14}$/, "Must be an E.164 phone number such as +41446681800");

/** Whether the holder gets an SMS for each transaction on their wallet. */
const smsNotificationsSchema = z.boolean({ error: "Must be true or false" });

/** A password as typed at log-in: no policy here, only bounds (a wrong one is a 401). */
const presentedPasswordSchema = z.string().min(1).max(256);

export const registerBody = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  name: nameSchema,
  phone: phoneSchema.nullable().optional(),
  sms_notifications: smsNotificationsSchema.optional(),
}) satisfies z.ZodType<SignUpInput>;

export const logInBody = z.strictObject({
  email: emailSchema,
  password: presentedPasswordSchema,
});

/** A merge patch of one's own account; changing email or password needs the current password. */
export const accountPatchBody = z
  .strictObject({
    name: nameSchema.optional(),
    phone: phoneSchema.nullable().optional(),
    sms_notifications: smsNotificationsSchema.optional(),
    email: emailSchema.optional(),
    password: passwordSchema.optional(),
    current_password: presentedPasswordSchema.optional(),
  })
  .superRefine((patch, context) => {
    if (
      (patch.email !== undefined || patch.password !== undefined) &&
      patch.current_password === undefined
    ) {
      context.addIssue({
        code: "custom",
        path: ["current_password"],
        message: "Required to change the email or the password",
      });
    }
  }) satisfies z.ZodType<AccountPatch>;

/** The account as clients see it: never a password or a hash. */
export const accountResponse = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    sms_notifications: z
      .boolean()
      .meta({ description: "Whether an SMS goes to `phone` for each transaction (default true)" }),
    created_at: z.string(),
  })
  .meta({ id: "Account" }) satisfies z.ZodType<AccountView>;

export const sessionResponse = z.object({
  token: z.string().describe("Opaque bearer token; send it as `Authorization: Bearer <token>`"),
  token_type: z.literal("Bearer"),
  expires_at: z.string(),
});
