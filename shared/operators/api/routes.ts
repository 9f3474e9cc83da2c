import { defineRoute } from "#platform/function-definitions";
import { pageOf, pageQuery } from "#platform/http/page";
import {
  createdOperatorKey,
  createOperatorKeyBody,
  operatorKeyParams,
  operatorKeyView,
} from "./schemas";

const tags = ["operators"];
const keyExample = {
  id: "opk_3q2Zk0cVtW8yNf1mHb5xRg",
  name: "back-office",
  created_at: "2026-11-21T10:00:00.000Z",
};
/** Every manager request reads and marks its key item; these routes also write keys. */
const keyItemActions = ["dynamodb:GetItem", "dynamodb:UpdateItem"] as const;

export const createOperatorKeyRoute = defineRoute({
  method: "POST",
  path: "/v1/operator-keys",
  access: "manager",
  summary: "Create an operator key (shown once, stored only as a keyed hash)",
  tags,
  body: createOperatorKeyBody,
  requestExample: { body: { name: "back-office" } },
  responses: {
    201: {
      description: "The new key; `key` is never shown again",
      schema: createdOperatorKey,
      example: { ...keyExample, key: "op_Vb3kR9xQ2mT7wL0sY5cF8hJ1nP4dG6aZ-eU_iO3tK7q" },
      headers: ["Location"],
    },
  },
  function: {
    handler: "operators/create-operator-key.ts",
    tableActions: [...keyItemActions, "dynamodb:PutItem"],
    usesHashKey: true,
  },
});

export const listOperatorKeysRoute = defineRoute({
  method: "GET",
  path: "/v1/operator-keys",
  access: "manager",
  summary: "The operator keys, oldest first, with their last use and revocation",
  tags,
  query: pageQuery,
  requestExample: { query: { limit: "20" } },
  responses: {
    200: {
      description: "A page of keys (never the keys themselves)",
      schema: pageOf(operatorKeyView),
      example: {
        items: [{ ...keyExample, last_used_at: "2026-11-21T10:05:00.000Z", revoked_at: null }],
        next_cursor: null,
      },
    },
  },
  function: {
    handler: "operators/list-operator-keys.ts",
    tableActions: [...keyItemActions, "dynamodb:Query"],
    usesHashKey: true,
  },
});

export const revokeOperatorKeyRoute = defineRoute({
  method: "DELETE",
  path: "/v1/operator-keys/{key_id}",
  access: "manager",
  summary: "Revoke an operator key: it stops working at once",
  tags,
  params: operatorKeyParams,
  requestExample: { params: { key_id: keyExample.id } },
  responses: { 204: { description: "Revoked (again: still revoked, at its first time)" } },
  function: {
    handler: "operators/revoke-operator-key.ts",
    tableActions: [...keyItemActions],
    usesHashKey: true,
  },
});

export const operatorRoutes = [
  createOperatorKeyRoute,
  listOperatorKeysRoute,
  revokeOperatorKeyRoute,
] as const;
