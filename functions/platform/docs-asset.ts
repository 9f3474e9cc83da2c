import { chooseEncoding } from "../../shared/docs/encoding";
import { httpHandler } from "../../shared/http/handler";
import { bytes, matchesEtag, notModified } from "../../shared/http/response";
import { docsAssetRoute } from "../../shared/platform/routes";

export const handler = httpHandler(docsAssetRoute, async ({ params: { asset }, headers }) => {
  // The name carries a hash of the content: what it names never changes.
  const cache = { "cache-control": "public, max-age=31536000, immutable", etag: asset.etag };
  if (matchesEtag(headers["if-none-match"], asset.etag)) return notModified(cache);
  const encoding = chooseEncoding(headers["accept-encoding"], asset.encodings);
  return bytes(200, asset.body(encoding), {
    ...cache,
    "content-type": asset.type,
    vary: "accept-encoding",
    "x-content-type-options": "nosniff",
    ...(encoding === "identity" ? {} : { "content-encoding": encoding }),
  });
});
