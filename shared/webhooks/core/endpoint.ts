import { randomBytes } from "node:crypto";
import type { Subscription } from "./events";

/** How long a rotated-out secret keeps signing: receivers have a day to switch. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000;

export const endpointStatuses = ["enabled", "disabled"] as const;
export type EndpointStatus = (typeof endpointStatuses)[number];

/** Limits of an endpoint's fields (the schemas and the store share them). */
export const endpointLimits = { descriptionLength: 500, events: 20 } as const;

/** A signing secret and, for a rotated-out one, when it stops signing (epoch ms). */
export interface EndpointSecret {
  secret: string;
  expiresAt?: number;
}

/** A webhook endpoint as stored. */
export interface WebhookEndpoint {
  id: string;
  url: string;
  events: Subscription[];
  description: string | null;
  status: EndpointStatus;
  disabledReason: string | null;
  /** The current secret first; a rotated-out one after it while it still signs. */
  secrets: EndpointSecret[];
  /** Epoch ms of the first failed delivery since the last success; absent when none failed. */
  failingSince?: number;
  createdAt: string;
  updatedAt: string;
}

const ENDPOINT_ID = /^we_[A-Za-z0-9_-]{22}$/;

/** A new endpoint id: `we_` and 128 random bits. */
export const newEndpointId = () => `we_${randomBytes(16).toString("base64url")}`;

/** The id as given when it can name an endpoint; undefined when it cannot. */
export const parseEndpointId = (id: string) => (ENDPOINT_ID.test(id) ? id : undefined);

/** The secrets that sign a delivery made at `now`: the current one, and a rotated-out one for 24 h. */
export const signingSecrets = (secrets: readonly EndpointSecret[], now: number) =>
  secrets.filter((s) => s.expiresAt === undefined || s.expiresAt > now).map((s) => s.secret);

/**
 * The secrets after a rotation at `now`: the new one current, the old current one signing
 * beside it for 24 h; one rotated out earlier is dropped (two signatures at most).
 */
export function rotatedSecrets(
  secrets: readonly EndpointSecret[],
  fresh: string,
  now: number,
): EndpointSecret[] {
  const current = secrets.find((s) => s.expiresAt === undefined);
  return [
    { secret: fresh },
    ...(current ? [{ secret: current.secret, expiresAt: now + ROTATION_OVERLAP_MS }] : []),
  ];
}
