// A client with no manners: any method, path, headers and body bytes, over a real socket.
import { request as httpRequest } from "node:http";
import { recordOutput } from "../secrets";

/** A request exactly as it goes on the wire (Node still frames it: Host, Content-Length). */
export interface RawRequest {
  method: string;
  /** Path and query, already percent-encoded. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** The socket's local address: 127.0.0.1 is a manager, 127.0.0.2+ are not. */
  from: string;
}

/** An answer: status, headers, the raw text, and the body parsed when it says it is JSON. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: unknown;
}

/** Sends one request to `base` (`http://127.0.0.1:<port>`) and reads the whole answer. */
export function sendRaw(base: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        agent: false,
        localAddress: request.from,
        headers: {
          ...(request.body ? { "content-length": String(request.body.length) } : {}),
          ...request.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const type = String(res.headers["content-type"] ?? "");
          let body: unknown = text;
          if (type.includes("json") && text) {
            try {
              body = JSON.parse(text);
            } catch {
              body = { unparseable: text.slice(0, 200) };
            }
          }
          recordOutput(
            "response",
            `${JSON.stringify(res.headers)}\n${text}`,
            `${request.method} ${request.path.slice(0, 100)}`,
            text,
          );
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(request.body);
  });
}
