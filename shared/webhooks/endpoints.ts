import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { clock, nowIso } from "#platform/clock";
import { db } from "#platform/db/client";
import { DomainError } from "#platform/errors";
import type { EndpointPatch } from "#webhooks/api/schemas";
import { newEndpointId, rotatedSecrets, type WebhookEndpoint } from "#webhooks/core/endpoint";
import { newEventId, type Subscription } from "#webhooks/core/events";
import { newWebhookSecret } from "#webhooks/core/signature";
import {
  changeEndpoint,
  type EndpointChanges,
  getEndpoint,
  putNewEndpoint,
} from "#webhooks/store/endpoint-store";
import { eventPut } from "#webhooks/store/event-item";
import { endpointView } from "./views";
import {
  checkTarget,
  privateTargetsAllowed,
  type Resolver,
  systemResolver,
} from "./webhook-sender";

/** 422 `webhook_url_not_allowed` unless the URL may receive webhooks (its form, then its DNS). */
export async function assertUrlAllowed(url: string, resolve: Resolver = systemResolver) {
  const target = await checkTarget(url, privateTargetsAllowed(), resolve);
  if ("refusal" in target) {
    throw new DomainError(
      "webhook_url_not_allowed",
      `This URL may not receive webhooks: ${target.refusal}`,
    );
  }
}

/** Registers an endpoint; the answer is the only one that shows its secret. */
export async function createEndpoint(input: {
  url: string;
  events: Subscription[];
  description?: string | null | undefined;
}) {
  await assertUrlAllowed(input.url);
  const now = nowIso();
  const secret = newWebhookSecret();
  const endpoint: WebhookEndpoint = {
    id: newEndpointId(),
    url: input.url,
    events: [...new Set(input.events)],
    description: input.description ?? null,
    status: "enabled",
    disabledReason: null,
    secrets: [{ secret }],
    createdAt: now,
    updatedAt: now,
  };
  await putNewEndpoint(endpoint);
  return endpointView(endpoint, secret);
}

/** Reads, changes and writes an endpoint, conditioned on what was read; again on a conflict. */
async function changeWith(
  id: string,
  change: (endpoint: WebhookEndpoint) => EndpointChanges,
): Promise<WebhookEndpoint> {
  for (let round = 0; round < 5; round++) {
    const endpoint = await getEndpoint(id);
    const changes = change(endpoint);
    const updatedAt = nowIso();
    if (await changeEndpoint(endpoint, changes, updatedAt)) {
      return {
        ...endpoint,
        ...changes,
        ...(changes.status === "enabled" ? { failingSince: undefined } : {}),
        updatedAt,
      } as WebhookEndpoint;
    }
  }
  throw DomainError.busy(1, "The endpoint is being changed by someone else; try again");
}

/** Applies a merge patch; enabling clears `disabled_reason`, a new URL is checked like a new one. */
export async function patchEndpoint(id: string, patch: EndpointPatch) {
  if (patch.url !== undefined) await assertUrlAllowed(patch.url);
  const endpoint = await changeWith(id, () => ({
    ...(patch.url === undefined ? {} : { url: patch.url }),
    ...(patch.events === undefined ? {} : { events: [...new Set(patch.events)] }),
    ...(patch.description === undefined ? {} : { description: patch.description }),
    ...(patch.status === undefined
      ? {}
      : {
          status: patch.status,
          disabledReason: patch.status === "disabled" ? "disabled by a manager" : null,
        }),
  }));
  return endpointView(endpoint);
}

/** A new secret; the current one keeps signing beside it for 24 h. */
export async function rotateEndpointSecret(id: string) {
  const secret = newWebhookSecret();
  const endpoint = await changeWith(id, (current) => ({
    secrets: rotatedSecrets(current.secrets, secret, clock.now()),
  }));
  return endpointView(endpoint, secret);
}

/** Writes a `webhook.test` event for this one endpoint; it is delivered like any other. */
export async function sendTestEvent(id: string) {
  const endpoint = await getEndpoint(id);
  const event = {
    id: newEventId(),
    type: "webhook.test" as const,
    timestamp: nowIso(),
    data: { endpoint_id: endpoint.id, message: "A test event from Tombola" },
    endpointId: endpoint.id,
  };
  await db.send(new PutCommand(eventPut(event).Put));
  return { event_id: event.id, type: event.type };
}
