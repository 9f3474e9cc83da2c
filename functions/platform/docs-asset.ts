import { docsAssetRoute } from "#app/service-routes";
import { chooseEncoding } from "#platform/http/compression";
import { httpHandler } from "#platform/http/handler";
import { bytes, matchesEtag, notModified } from "#platform/http/response";

const IMMUTABLE = "public, max-age=31536000, immutable";
// A plain name names whatever the deployment serves: a short time, as for the page.
const SHORT = "public, max-age=60, must-revalidate";

export const handler = httpHandler(docsAssetRoute, async ({ params, headers }) => {
  const { asset, immutable } = params.asset;
  const cache = { "cache-control": immutable ? IMMUTABLE : SHORT, etag: asset.etag };
  if (matchesEtag(headers["If-None-Match"], asset.etag)) return notModified(cache);
  const encoding = chooseEncoding(headers["Accept-Encoding"], asset.encodings);
  return bytes(200, asset.body(encoding), {
    ...cache,
    "content-type": asset.type,
    vary: "accept-encoding",
    "x-content-type-options": "nosniff",
    ...(encoding === "identity" ? {} : { "content-encoding": encoding }),
  });
});
