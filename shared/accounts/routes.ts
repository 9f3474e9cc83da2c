import { defineRoute } from "../http/route";
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

export const registerRoute = defineRoute({
  method: "POST",
  path: "/v1/accounts",
  handler: "accounts/register.ts",
  access: "public",
  summary: "Register an account",
  tags,
  body: registerBody,
  responses: { 201: { description: "The new account", schema: accountResponse } },
  errors: [{ status: 409, code: "email_taken" }],
  tableActions: ["dynamodb:PutItem"],
  memoryMiB: PASSWORD_HASHING_MEMORY_MIB,
  nativeModules: PASSWORD_HASHING_MODULES,
});

export const logInRoute = defineRoute({
  method: "POST",
  path: "/v1/sessions",
  handler: "accounts/log-in.ts",
  access: "public",
  summary: "Log in with email and password for a bearer token",
  tags,
  body: logInBody,
  responses: { 201: { description: "A new session", schema: sessionResponse } },
  errors: [
    { status: 401, code: "invalid_credentials" },
    { status: 429, code: "too_many_requests" },
  ],
  tableActions: [
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:ConditionCheckItem",
  ],
  usesHashKey: true,
  memoryMiB: PASSWORD_HASHING_MEMORY_MIB,
  nativeModules: PASSWORD_HASHING_MODULES,
});

export const logOutRoute = defineRoute({
  method: "DELETE",
  path: "/v1/sessions/current",
  handler: "accounts/log-out.ts",
  access: "account",
  summary: "Log out: revoke the token of this request",
  tags,
  responses: { 204: { description: "The token is revoked" } },
  tableActions: ["dynamodb:GetItem", "dynamodb:DeleteItem"],
  usesHashKey: true,
});

export const readMeRoute = defineRoute({
  method: "GET",
  path: "/v1/accounts/me",
  handler: "accounts/read-me.ts",
  access: "account",
  summary: "Read one's own account",
  tags,
  responses: { 200: { description: "The account", schema: accountResponse } },
  tableActions: ["dynamodb:GetItem"],
  usesHashKey: true,
});

export const updateMeRoute = defineRoute({
  method: "PATCH",
  path: "/v1/accounts/me",
  handler: "accounts/update-me.ts",
  access: "account",
  summary: "Update one's own account (merge patch)",
  tags,
  body: accountPatchBody,
  responses: { 200: { description: "The updated account", schema: accountResponse } },
  errors: [
    { status: 403, code: "invalid_credentials" },
    { status: 409, code: "email_taken" },
    { status: 429, code: "too_many_requests" },
  ],
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
});

export const deleteMeRoute = defineRoute({
  method: "DELETE",
  path: "/v1/accounts/me",
  handler: "accounts/delete-me.ts",
  access: "account",
  summary: "Delete one's own account, its sessions, and free its email",
  tags,
  responses: { 204: { description: "The account is deleted" } },
  errors: [{ status: 409, code: "balance_not_zero" }],
  tableActions: [
    "dynamodb:GetItem",
    "dynamodb:DeleteItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:Query",
    "dynamodb:BatchWriteItem",
  ],
  usesHashKey: true,
});

export const accountsRoutes = [
  registerRoute,
  logInRoute,
  logOutRoute,
  readMeRoute,
  updateMeRoute,
  deleteMeRoute,
];
