import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { QUICKNET } from "#raffles/core/quicknet";
import { quicknetRounds } from "../fixtures/quicknet-rounds";

/** How a stand-in relay behaves: as drand's do, or broken in one way. */
export type RelayMode = "serve" | "fail" | "hang" | "lie" | "not_yet" | "wrong_round";

/**
 * A local stand-in for a drand HTTP relay: `/<quicknet chain hash>/public/<round>` answers the
 * published fixture rounds (404 for others, as drand's relays do), or misbehaves as told.
 * Counts the requests it gets.
 */
export async function startDrandRelay(initialMode: RelayMode = "serve") {
  let requests = 0;
  let mode = initialMode;
  const server: Server = createServer((request, response) => {
    requests++;
    const match = new RegExp(`^/${QUICKNET.chainHash}/public/(\\d+)$`).exec(request.url ?? "");
    const asked = quicknetRounds.findIndex((r) => String(r.round) === match?.[1]);
    // A relay answering with another (genuine) round than the one asked for.
    const fixture =
      quicknetRounds[mode === "wrong_round" ? (asked + 1) % quicknetRounds.length : asked];
    if (mode === "hang") return; // never answers: the client's timeout must end it
    if (mode === "fail") {
      response.writeHead(502).end("bad gateway");
      return;
    }
    if (asked < 0 || !fixture || mode === "not_yet") {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    const signature =
      mode === "lie"
        ? `${fixture.signature.slice(0, 95)}${fixture.signature.endsWith("0") ? "1" : "0"}`
        : fixture.signature;
    response
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ round: fixture.round, randomness: fixture.randomness, signature }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    /** Changes how the relay behaves from the next request on. */
    setMode(next: RelayMode) {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
