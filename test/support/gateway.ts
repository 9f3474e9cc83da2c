import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { createGateway } from "../../infra/local/gateway";
import { checkGatewayResponse } from "./contract";

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the body holds
  body: any;
  text: string;
}

export interface SendOptions {
  /** A JSON value, or a raw string/Buffer sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The client socket's local address, e.g. `127.0.0.7`: the gateway sees a different player. */
  from?: string;
}

/**
 * Starts the local gateway on a free loopback port; `send` talks to it over real sockets, and
 * throws when an answer is not one the OpenAPI document allows.
 */
export async function startTestGateway() {
  const server = createGateway();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const send = (method: string, path: string, options: SendOptions = {}) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const payload =
        options.body === undefined
          ? undefined
          : typeof options.body === "string" || Buffer.isBuffer(options.body)
            ? options.body
            : JSON.stringify(options.body);
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port,
          method,
          path,
          agent: false,
          ...(options.from ? { localAddress: options.from } : {}),
          headers: {
            // Node frames no body of a GET unless told its length, as any real client does.
            ...(payload === undefined
              ? {}
              : {
                  "content-type": "application/json",
                  "content-length": String(Buffer.byteLength(payload)),
                }),
            ...options.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            const type = String(res.headers["content-type"] ?? "");
            const response = {
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: type.includes("json") && text ? JSON.parse(text) : undefined,
              text,
            };
            try {
              checkGatewayResponse(method, path, { ...response, body: response.body ?? text });
              resolve(response);
            } catch (violation) {
              reject(violation);
            }
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(payload);
    });

  return {
    url: `http://127.0.0.1:${port}`,
    send,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Starts the gateway before this file's tests and closes it after them. */
export function useTestGateway() {
  let gateway: Awaited<ReturnType<typeof startTestGateway>> | undefined;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway?.close());
  const started = () => {
    if (!gateway) throw new Error("The test gateway starts in beforeAll");
    return gateway;
  };
  return {
    send: (...args: Parameters<Awaited<ReturnType<typeof startTestGateway>>["send"]>) =>
      started().send(...args),
    /** `http://127.0.0.1:<port>`, for clients other than `send` (a browser). */
    get url() {
      return started().url;
    },
  };
}
