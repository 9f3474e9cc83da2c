import { createHash } from "node:crypto";
import { docsPageRoute } from "#app/service-routes";
import { docsAssets } from "#platform/docs/assets";
import { DOCS_CONTENT_SECURITY_POLICY, docsPageHtml } from "#platform/docs/page";
import { httpHandler } from "#platform/http/handler";
import { matchesEtag, notModified } from "#platform/http/response";

const html = docsPageHtml((name) => docsAssets().byLogical.get(name)?.name ?? name);
const etag = `"${createHash("sha256").update(html).digest("hex").slice(0, 16)}"`;
// Short: a deployment changes the asset names the page holds, and it must see them soon.
const cache = { "cache-control": "public, max-age=60, must-revalidate", etag };

export const handler = httpHandler(docsPageRoute, async ({ headers }) => {
  if (matchesEtag(headers["If-None-Match"], etag)) return notModified(cache);
  return {
    statusCode: 200,
    headers: {
      ...cache,
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": DOCS_CONTENT_SECURITY_POLICY,
      "referrer-policy": "no-referrer",
      "x-content-type-options": "nosniff",
    },
    body: html,
  };
});
