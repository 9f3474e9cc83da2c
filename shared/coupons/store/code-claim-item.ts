import type { CodeClaim } from "#coupons/core/code-rule";

/** A code claim's item: its key, the windows holding the code, and its version. */
export const toCodeClaimItem = (claim: CodeClaim): Record<string, unknown> => ({
  ...claim.key,
  windows: claim.windows,
  version: claim.version,
});

/** The claim at `key` as read (version 0 and no windows when the item does not exist). */
export const fromCodeClaimItem = (
  key: CodeClaim["key"],
  item: Record<string, unknown> | undefined,
): CodeClaim => ({
  key,
  version: (item?.version as number | undefined) ?? 0,
  windows: (item?.windows as CodeClaim["windows"] | undefined) ?? {},
});
