import { apiDocument } from "#app/api-document";
import { openApiRoute } from "#app/service-routes";
import { chooseEncoding, compress } from "#platform/http/compression";
import { httpHandler } from "#platform/http/handler";
import { bytes } from "#platform/http/response";

const raw = Buffer.from(JSON.stringify(apiDocument()), "utf8");
// About 140 KB of JSON, a tenth of that compressed: done once per instance, on first ask.
let compressed: ReturnType<typeof compress> | undefined;

export const handler = httpHandler(openApiRoute, async ({ headers }) => {
  const encoding = chooseEncoding(headers["Accept-Encoding"], ["br", "gzip", "identity"]);
  compressed ??= encoding === "identity" ? undefined : compress(raw, false);
  const body = encoding === "identity" || !compressed ? raw : compressed[encoding];
  return bytes(200, body, {
    "content-type": "application/json",
    vary: "accept-encoding",
    ...(encoding === "identity" ? {} : { "content-encoding": encoding }),
  });
});
