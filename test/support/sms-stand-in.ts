import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the stand-in received: the action (X-Amz-Target) and its JSON body. */
export interface ReceivedSms {
  target: string | undefined;
  body: Record<string, unknown>;
}

/** How the stand-in answers one request: success, an AWS JSON error, or by hand. */
export type StandInAnswer =
  | "ok"
  | { status: number; type: string; message: string; reason?: string }
  | ((response: ServerResponse, request: ReceivedSms) => void);

function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}")));
    request.on("error", reject);
  });
}

/**
 * A local HTTP stand-in for AWS End User Messaging SMS (`SMS_ENDPOINT`): the real SDK sends it
 * real awsJson1_0 requests, which it records; it answers each with the next of `answers`
 * (then "ok" with a fresh MessageId), as the service would, throttling and faults included.
 */
export async function startSmsStandIn() {
  const received: ReceivedSms[] = [];
  const answers: StandInAnswer[] = [];
  const server = createServer(async (request, response) => {
    const sms = {
      target: request.headers["x-amz-target"] as string | undefined,
      body: await readJson(request),
    };
    received.push(sms);
    const answer = answers.shift() ?? "ok";
    if (typeof answer === "function") return answer(response, sms);
    response.setHeader("content-type", "application/x-amz-json-1.0");
    if (answer === "ok") {
      response.writeHead(200);
      response.end(JSON.stringify({ MessageId: `stand-in-${received.length}` }));
      return;
    }
    response.writeHead(answer.status, { "x-amzn-errortype": answer.type });
    response.end(
      JSON.stringify({
        __type: `com.amazonaws.pinpointsmsvoicev2#${answer.type}`,
        message: answer.message,
        ...(answer.reason ? { Reason: answer.reason } : {}),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    received,
    /** Queues answers for the next requests, in order. */
    answer: (...next: StandInAnswer[]) => answers.push(...next),
    /** The requests that carried a message for this reference (our notification id). */
    sentFor: (reference: string) =>
      received.filter(
        (r) => (r.body.Context as Record<string, string> | undefined)?.reference === reference,
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const throttled = { status: 400, type: "ThrottlingException", message: "Rate exceeded" };
export const serverFault = {
  status: 500,
  type: "InternalServerException",
  message: "Internal failure",
};
