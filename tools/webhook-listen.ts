// `npm run webhook-listen -- [--port N] [--secret whsec_…]`: a local webhook receiver that
// verifies each delivery's signature and prints it, as `stripe listen` does. Register it with
// `npm start` running (which allows local targets):
//   curl -X POST localhost:3000/v1/webhook-endpoints -H 'content-type: application/json' \
//     -d '{"url": "http://127.0.0.1:4000/", "events": ["*"]}'
// and hand the `secret` of the answer to --secret (or WEBHOOK_SECRET) to have signatures checked.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { port: { type: "string", default: "4000" }, secret: { type: "string" } },
});
const secrets = (values.secret ?? process.env.WEBHOOK_SECRET ?? "").split(",").filter(Boolean);

/** Standard Webhooks verification: HMAC-SHA256 of `id.timestamp.body`, keyed by the secret's bytes. */
function verify(secret: string, id: string, timestamp: string, body: string, header: string) {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
  return header.split(" ").some((entry) => {
    const [version, signature = ""] = entry.split(",");
    const given = Buffer.from(signature, "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const TOLERANCE_SECONDS = 5 * 60;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const id = String(req.headers["webhook-id"] ?? "");
    const timestamp = String(req.headers["webhook-timestamp"] ?? "");
    const header = String(req.headers["webhook-signature"] ?? "");
    const age = Math.abs(Date.now() / 1000 - Number(timestamp));
    const verdict =
      secrets.length === 0
        ? "unchecked (no --secret)"
        : !(age <= TOLERANCE_SECONDS)
          ? "REFUSED: timestamp too old or too new"
          : secrets.some((secret) => verify(secret, id, timestamp, body, header))
            ? "signature ok"
            : "REFUSED: bad signature";
    let payload: { type?: string; timestamp?: string; data?: unknown } = {};
    try {
      payload = JSON.parse(body);
    } catch {
      // printed raw below
    }
    console.log(
      `${new Date().toISOString()}  ${payload.type ?? "?"}  ${id}  ${verdict}\n${JSON.stringify(payload.data ?? body, null, 2)}\n`,
    );
    const refused = verdict.startsWith("REFUSED");
    res.writeHead(refused ? 400 : 204);
    res.end();
  });
});
server.listen(Number(values.port), "127.0.0.1", () => {
  console.log(
    `Listening for webhooks on http://127.0.0.1:${values.port}/ (${
      secrets.length > 0 ? "verifying signatures" : "signatures not checked: pass --secret"
    })`,
  );
});
