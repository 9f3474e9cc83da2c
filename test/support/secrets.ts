// Every secret a test run creates, and every log line and response body it produces: no secret
// may appear in any of them, except the one response that hands it out. Free of vitest: the
// contract checks (used by workers and the bench too) record responses here.

/** What a secret is; the report says which kind leaked, never the secret itself. */
export type SecretKind =
  | "password"
  | "password hash"
  | "bearer token"
  | "verification code"
  | "keyed hash"
  | "HMAC key"
  | "beacon key"
  | "operator seed"
  | "permutation key"
  | "operator key"
  | "webhook secret";

interface Secret {
  kind: SecretKind;
  value: string;
}

interface Captured {
  kind: "log" | "response";
  text: string;
  where: string;
  /** A response's body alone: what may hand a secret out. */
  body?: string;
}

// One registry per process, even when a test re-imports this module (vi.resetModules).
const registry = globalThis as {
  [key: symbol]:
    | { secrets: Map<string, Secret>; captured: Captured[]; published: Set<string> }
    | undefined;
};
const key = Symbol.for("tombola.secrets");
registry[key] ??= { secrets: new Map(), captured: [], published: new Set() };
const state = registry[key];

/** Too short or too plain to be told apart from ordinary text (a test's "aaaaaaaa"). */
const tooPlain = (value: string) => value.length < 8 || new Set(value).size < 5;

/**
 * Marks every string inside `example` as published (the API documents it, a password in a
 * request example): a test that uses it made no secret.
 */
export function recordPublished(example: unknown) {
  if (typeof example === "string") state.published.add(example);
  else if (example && typeof example === "object") {
    for (const value of Object.values(example)) recordPublished(value);
  }
}

/** Records a secret the run created or received. */
export function recordSecret(kind: SecretKind, value: string | undefined) {
  if (typeof value !== "string" || tooPlain(value) || state.published.has(value)) return;
  if (!state.secrets.has(value)) state.secrets.set(value, { kind, value });
}

/** Records output: a log line (or any process output), or a response as a client got it. */
export function recordOutput(kind: Captured["kind"], text: string, where: string, body?: string) {
  if (text) state.captured.push({ kind, text, where, ...(body === undefined ? {} : { body }) });
}

/**
 * Whether a response may carry this secret: the claim that shows its verification code, the
 * log-in that hands out its token, the audit of a drawn raffle that reveals its operator seed.
 */
function handsOut(secret: Secret, text: string | undefined): boolean {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text ?? "") as Record<string, unknown>;
  } catch {
    return false;
  }
  if (secret.kind === "bearer token") return body.token === secret.value;
  if (secret.kind === "verification code") return body.verification_code === secret.value;
  // Only its creation's answer shows an operator key.
  if (secret.kind === "operator key") return body.key === secret.value && body.id !== undefined;
  // Creation and rotation answer with the endpoint's new secret, once.
  if (secret.kind === "webhook secret") return body.secret === secret.value;
  if (secret.kind === "operator seed") {
    return body.operator_seed === secret.value && body.status === "drawn";
  }
  return false;
}

/** Each secret that appears where it must not: its kind, and where (never the secret itself). */
export function secretLeaks(): string[] {
  const leaks: string[] = [];
  for (const secret of state.secrets.values()) {
    // As written, and as JSON writes it inside a string (a log line, a response body).
    const forms = new Set([secret.value, JSON.stringify(secret.value).slice(1, -1)]);
    for (const output of state.captured) {
      if (![...forms].some((form) => output.text.includes(form))) continue;
      if (output.kind === "response" && handsOut(secret, output.body ?? output.text)) continue;
      leaks.push(
        `${secret.kind} (${secret.value.length} characters) in a ${output.kind}: ${output.where}`,
      );
    }
  }
  return leaks;
}

/** How much this process has recorded (the test that checks the check reads it). */
export const recorded = () => ({ secrets: state.secrets.size, outputs: state.captured.length });

/** Forgets everything recorded (between test files in one process). */
export function resetSecrets() {
  state.secrets.clear();
  state.captured.length = 0;
}
