import { key } from "#platform/db/keys";
import type { EndpointSecret, WebhookEndpoint } from "#webhooks/core/endpoint";
import { ENDPOINT_LIST, webhookKeys } from "./keys";

type Item = Record<string, unknown>;

/** An endpoint's item. */
export const toEndpointItem = (endpoint: WebhookEndpoint): Item => ({
  ...webhookKeys.endpoint(endpoint.id),
  type: "webhook_endpoint",
  id: endpoint.id,
  url: endpoint.url,
  events: endpoint.events,
  description: endpoint.description,
  status: endpoint.status,
  disabled_reason: endpoint.disabledReason,
  secrets: endpoint.secrets.map(toSecretItem),
  ...(endpoint.failingSince === undefined ? {} : { failing_since: endpoint.failingSince }),
  created_at: endpoint.createdAt,
  updated_at: endpoint.updatedAt,
  gsi1pk: ENDPOINT_LIST,
  gsi1sk: key(endpoint.createdAt, endpoint.id),
});

/** A secret as the item keeps it. */
export const toSecretItem = (secret: EndpointSecret) => ({
  secret: secret.secret,
  ...(secret.expiresAt === undefined ? {} : { expires_at: secret.expiresAt }),
});

/** An endpoint from its item. */
export const fromEndpointItem = (item: Item): WebhookEndpoint => ({
  id: item.id as string,
  url: item.url as string,
  events: item.events as WebhookEndpoint["events"],
  description: (item.description as string | null | undefined) ?? null,
  status: item.status as WebhookEndpoint["status"],
  disabledReason: (item.disabled_reason as string | null | undefined) ?? null,
  secrets: (item.secrets as Item[]).map((s) => ({
    secret: s.secret as string,
    ...(typeof s.expires_at === "number" ? { expiresAt: s.expires_at } : {}),
  })),
  ...(typeof item.failing_since === "number" ? { failingSince: item.failing_since } : {}),
  createdAt: item.created_at as string,
  updatedAt: item.updated_at as string,
});
