import { accountMetrics } from "#accounts/api/metrics";
import { defineRoute } from "#platform/function-definitions";
import { idempotencyKeyReused, optionalIdempotencyKeyHeaders } from "#platform/idempotency/header";
import {
  accountPatchBody,
  accountResponse,
  logInBody,
  registerBody,
  sessionResponse,
} from "./schemas";

/**
 * argon2id at OWASP parameters is CPU-bound on one thread; Lambda gives a function one full
 * vCPU at 1769 MiB and a proportional share below, so the hashing functions get exactly that.
 */
export const PASSWORD_HASHING_MEMORY_MIB = 1769;

/** What `password.ts` loads: only the functions that hash or verify passwords carry it. */
const PASSWORD_HASHING_MODULES = ["@node-rs/argon2"];

const tags = ["accounts"];
const accountExample = {
  id: "a_Xq3v9JkT2mRb7LwP0sYc1g",
  email: "ada@example.com",
  name: "Ada Lovelace",
  phone: "+41446681800",
  sms_notifications: true,
  created_at: "2026-11-21T10:00:00.000Z",
};
const emailTaken = {
  status: 409,
  code: "email_taken",
  description: "Another account has this email",
};
const tooManyLogIns = {
  status: 429,
  code: "too_many_requests",
  description: "10 failed log-ins for this email within 15 minutes; wait for `Retry-After`",
};

/**
 * Concurrency reserved for (and capping) each argon2id function: with per-address limits, this
 * bounds what a spread-out flood of registrations or log-ins can cost and take from the rest.
 */
const PASSWORD_HASHING_CONCURRENCY = 20;

export const registerRoute = defineRoute({
  method: "POST",
  path: "/v1/accounts",
  access: "public",
  // Each registration runs argon2id, and a new account is a new per-account coupon quota.
  rateLimit: { name: "register", perMinute: 10 },
  summary: "Register an account",
  tags,
  headers: optionalIdempotencyKeyHeaders,
  body: registerBody,
  requestExample: {
    headers: { "Idempotency-Key": "0d9c3b1e-6f2a-4c8d-b7e5-1a4f9c2e8d30" },
    body: {
      email: "Ada@Example.com",
      password: "correct horse battery",
      name: "Ada Lovelace",
      phone: "+41446681800",
    },
  },
  responses: {
    201: {
      description:
        "The new account; a replay of an Idempotency-Key's first request says " +
        "`Idempotent-Replayed: true`",
      schema: accountResponse,
      example: accountExample,
      headers: ["Location", "Idempotent-Replayed"],
    },
  },
  errors: [emailTaken, idempotencyKeyReused],
  answerMetrics: { 201: accountMetrics.AccountsRegistered },
  function: {
    handler: "accounts/register.ts",
    // The key's record is read first, then joins the account's transaction.
    tableActions: ["dynamodb:GetItem", "dynamodb:PutItem"],
    memoryMiB: PASSWORD_HASHING_MEMORY_MIB,
    nativeModules: PASSWORD_HASHING_MODULES,
    reservedConcurrency: PASSWORD_HASHING_CONCURRENCY,
  },
});

export const logInRoute = defineRoute({
  method: "POST",
  path: "/v1/sessions",
  access: "public",
  // The lock-out is per email: this bounds one password sprayed over many emails.
  rateLimit: { name: "log-in", perMinute: 30 },
  summary: "Log in with email and password for a bearer token",
  tags,
  body: logInBody,
  requestExample: { body: { email: "ada@example.com", password: "correct horse battery" } },
  responses: {
    201: {
      description: "A new session",
      schema: sessionResponse,
      example: {
        token: "kq0Jd2m8xWb7Yt1s4Vh9Lr3Ze6Pn5Fg0Ua2Ci8Oe7Tq",
        token_type: "Bearer",
        expires_at: "2026-11-22T10:00:00.000Z",
      },
    },
  },
  errors: [
    {
      status: 401,
      code: "invalid_credentials",
      description: "The email or the password is wrong (the same answer for both)",
    },
    tooManyLogIns,
  ],
  answerMetrics: {
    201: accountMetrics.LogIns,
    401: accountMetrics.LogInsRefused,
    429: accountMetrics.LogInsRefused,
  },
  function: {
    handler: "accounts/log-in.ts",
    tableActions: [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:ConditionCheckItem",
    ],
    usesHashKey: true,
    memoryMiB: PASSWORD_HASHING_MEMORY_MIB,
    nativeModules: PASSWORD_HASHING_MODULES,
    reservedConcurrency: PASSWORD_HASHING_CONCURRENCY,
  },
});

export const logOutRoute = defineRoute({
  method: "DELETE",
  path: "/v1/sessions/current",
  access: "account",
  summary: "Log out: revoke the token of this request",
  tags,
  requestExample: {},
  responses: { 204: { description: "The token is revoked" } },
  function: {
    handler: "accounts/log-out.ts",
    tableActions: ["dynamodb:GetItem", "dynamodb:DeleteItem"],
    usesHashKey: true,
  },
});

export const readMeRoute = defineRoute({
  method: "GET",
  path: "/v1/accounts/me",
  access: "account",
  summary: "Read one's own account",
  tags,
  requestExample: {},
  responses: {
    200: { description: "The account", schema: accountResponse, example: accountExample },
  },
  function: {
    handler: "accounts/read-me.ts",
    tableActions: ["dynamodb:GetItem"],
    usesHashKey: true,
  },
});

export const updateMeRoute = defineRoute({
  method: "PATCH",
  path: "/v1/accounts/me",
  access: "account",
  summary: "Update one's own account (merge patch)",
  tags,
  body: accountPatchBody,
  requestExample: {
    body: {
      name: "Ada King",
      email: "ada.king@example.com",
      current_password: "correct horse battery",
    },
  },
  responses: {
    200: {
      description: "The updated account",
      schema: accountResponse,
      example: { ...accountExample, name: "Ada King", email: "ada.king@example.com" },
    },
  },
  errors: [
    { status: 403, code: "invalid_credentials", description: "`current_password` is wrong" },
    emailTaken,
    tooManyLogIns,
  ],
  function: {
    handler: "accounts/update-me.ts",
    tableActions: [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:Query",
      "dynamodb:BatchWriteItem",
    ],
    usesHashKey: true,
    memoryMiB: PASSWORD_HASHING_MEMORY_MIB,
    nativeModules: PASSWORD_HASHING_MODULES,
    reservedConcurrency: PASSWORD_HASHING_CONCURRENCY,
  },
});

export const deleteMeRoute = defineRoute({
  method: "DELETE",
  path: "/v1/accounts/me",
  access: "account",
  summary: "Delete one's own account, its sessions, and free its email",
  tags,
  requestExample: {},
  responses: { 204: { description: "The account is deleted" } },
  errors: [{ status: 409, code: "balance_not_zero" }],
  function: {
    handler: "accounts/delete-me.ts",
    tableActions: [
      "dynamodb:GetItem",
      "dynamodb:DeleteItem",
      "dynamodb:ConditionCheckItem",
      "dynamodb:Query",
      "dynamodb:BatchWriteItem",
    ],
    usesHashKey: true,
  },
});

export const accountsRoutes = [
  registerRoute,
  logInRoute,
  logOutRoute,
  readMeRoute,
  updateMeRoute,
  deleteMeRoute,
];
