import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toLambdaEvent } from "../../../infra/local/gateway";

// A real server that answers with the event the local gateway would hand to Lambda.
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const event = toLambdaEvent(request, Buffer.concat(chunks), {
      routeKey: "POST /things/{id}",
      pathParameters: { id: "t 1" },
    });
    response.end(JSON.stringify(event));
  });
});
let base: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function eventFor(path: string, init: RequestInit): Promise<APIGatewayProxyEventV2> {
  return (await fetch(`${base}${path}`, init)).json() as Promise<APIGatewayProxyEventV2>;
}

describe("the local gateway's API Gateway payload 2.0 event", () => {
  it("carries path, query, lower-cased headers, cookies and the socket address", async () => {
    const event = await eventFor("/things/t%201?a=1&b=x&a=2", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Forwarded-For": "9.9.9.9",
        Cookie: "s=1; theme=dark",
      },
      body: JSON.stringify({ hello: "wörld" }),
    });
    expect(event).toMatchObject({
      version: "2.0",
      routeKey: "POST /things/{id}",
      rawPath: "/things/t%201",
      rawQueryString: "a=1&b=x&a=2",
      queryStringParameters: { a: "1,2", b: "x" },
      pathParameters: { id: "t 1" },
      cookies: ["s=1", "theme=dark"],
      body: '{"hello":"wörld"}',
      isBase64Encoded: false,
      requestContext: { stage: "$default", http: { method: "POST", sourceIp: "127.0.0.1" } },
    });
    expect(event.headers["content-type"]).toBe("application/json");
    expect(event.headers["x-forwarded-for"]).toBe("9.9.9.9");
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("base64-encodes a binary body", async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const event = await eventFor("/things/x", {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: bytes,
    });
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? "", "base64")).toEqual(bytes);
  });
});
