import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "#platform/db/client";
import { type PageRequest, queryAll, queryPage } from "#platform/db/query-page";
import { isConditionFailure } from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import type { WebhookEndpoint } from "#webhooks/core/endpoint";
import { FAILING_REASON, failedTooLong } from "#webhooks/core/retry-schedule";
import { fromEndpointItem, toEndpointItem, toSecretItem } from "./endpoint-item";
import { ENDPOINT_LIST, webhookKeys } from "./keys";

const notFound = () => DomainError.notFound("webhook_endpoint");

/** Stores a new endpoint (its id is fresh: never overwriting). */
export async function putNewEndpoint(endpoint: WebhookEndpoint): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: toEndpointItem(endpoint),
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
}

/** One endpoint by id, or undefined. */
export async function findEndpoint(id: string): Promise<WebhookEndpoint | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: webhookKeys.endpoint(id), ConsistentRead: true }),
  );
  return Item ? fromEndpointItem(Item) : undefined;
}

/** One endpoint by id, or 404 `webhook_endpoint_not_found`. */
export async function getEndpoint(id: string): Promise<WebhookEndpoint> {
  const endpoint = await findEndpoint(id);
  if (!endpoint) throw notFound();
  return endpoint;
}

/** A page of endpoints, newest first. */
export const listEndpoints = <T>(page: PageRequest, toView: (e: WebhookEndpoint) => T) =>
  queryPage(
    {
      TableName: tableName,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": ENDPOINT_LIST },
      ScanIndexForward: false,
    },
    page,
    {
      names: ["pk", "sk", "gsi1pk", "gsi1sk"],
      partition: { name: "gsi1pk", value: ENDPOINT_LIST },
    },
    (item) => toView(fromEndpointItem(item)),
  );

/** Every endpoint: what a fan-out chooses from (one partition; endpoints are few). */
export const allEndpoints = async () =>
  (
    await queryAll({
      TableName: tableName,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": ENDPOINT_LIST },
    })
  ).map(fromEndpointItem);

/** The fields a change may set. */
export type EndpointChanges = Partial<
  Pick<WebhookEndpoint, "url" | "events" | "description" | "status" | "disabledReason" | "secrets">
>;

/**
 * Changes an endpoint read at `seen.updatedAt`, only if nobody changed it since (a concurrent
 * change makes this false: read again and retry); 404 when it is gone.
 */
export async function changeEndpoint(
  seen: WebhookEndpoint,
  changes: EndpointChanges,
  updatedAt: string,
): Promise<boolean> {
  const fields: Record<string, unknown> = {
    ...(changes.url === undefined ? {} : { url: changes.url }),
    ...(changes.events === undefined ? {} : { events: changes.events }),
    ...(changes.description === undefined ? {} : { description: changes.description }),
    ...(changes.status === undefined ? {} : { status: changes.status }),
    ...(changes.disabledReason === undefined ? {} : { disabled_reason: changes.disabledReason }),
    ...(changes.secrets === undefined ? {} : { secrets: changes.secrets.map(toSecretItem) }),
    updated_at: updatedAt,
  };
  const names = Object.keys(fields);
  // Enabling again starts the 5 days of failures afresh.
  const removes = changes.status === "enabled" ? " REMOVE failing_since" : "";
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: webhookKeys.endpoint(seen.id),
        UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :f${i}`).join(", ")}${removes}`,
        ConditionExpression: "attribute_exists(pk) AND updated_at = :seen",
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(names.map((name, i) => [`:f${i}`, fields[name]])),
          ":seen": seen.updatedAt,
        },
      }),
    );
    return true;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    if (!(await findEndpoint(seen.id))) throw notFound();
    return false;
  }
}

/** Deletes an endpoint; 404 when there is none. Its pending deliveries fail when next tried. */
export async function deleteEndpoint(id: string): Promise<void> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: tableName,
        Key: webhookKeys.endpoint(id),
        ConditionExpression: "attribute_exists(pk)",
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw notFound();
    throw error;
  }
}

/** A success ends the endpoint's run of failures. */
export async function recordEndpointSuccess(endpoint: WebhookEndpoint): Promise<void> {
  if (endpoint.failingSince === undefined) return;
  await db
    .send(
      new UpdateCommand({
        TableName: tableName,
        Key: webhookKeys.endpoint(endpoint.id),
        UpdateExpression: "REMOVE failing_since",
        ConditionExpression: "attribute_exists(failing_since)",
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
}

/**
 * A failure starts the endpoint's run of failures, or, 5 days into one with no success, disables
 * it. Returns whether this failure disabled it. Both writes are conditional: a success or
 * another failure in between wins.
 */
export async function recordEndpointFailure(
  endpoint: WebhookEndpoint,
  now: number,
): Promise<boolean> {
  const key = webhookKeys.endpoint(endpoint.id);
  try {
    if (endpoint.failingSince === undefined) {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: "SET failing_since = :now",
          ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(failing_since)",
          ExpressionAttributeValues: { ":now": now },
        }),
      );
      return false;
    }
    if (endpoint.status !== "enabled" || !failedTooLong(endpoint.failingSince, now)) return false;
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: "SET #status = :disabled, disabled_reason = :reason, updated_at = :at",
        ConditionExpression: "#status = :enabled AND failing_since = :since",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":disabled": "disabled",
          ":enabled": "enabled",
          ":reason": FAILING_REASON,
          ":since": endpoint.failingSince,
          ":at": new Date(now).toISOString(),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
