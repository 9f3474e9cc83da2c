import { afterEach, describe, expect, it } from "vitest";
import { handler as createEndpoint } from "../../../functions/webhooks/create-endpoint";
import { handler as getEndpoint } from "../../../functions/webhooks/get-endpoint";
import { handler as listEndpoints } from "../../../functions/webhooks/list-endpoints";
import { handler as patchEndpoint } from "../../../functions/webhooks/patch-endpoint";
import { handler as retryDelivery } from "../../../functions/webhooks/retry-delivery";
import { invoke } from "../../support/lambda-event";
import { expectProblem } from "../../support/problem";

const MANAGER = "127.0.0.1";
const create = (body: unknown, sourceIp = MANAGER) =>
  invoke(createEndpoint, { method: "POST", path: "/v1/webhook-endpoints", body, sourceIp });

afterEach(() => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
});

describe("webhook endpoints", () => {
  it("refuses at creation any URL that is not https to a public host (422 webhook_url_not_allowed)", async () => {
    for (const url of [
      "http://hooks.example.com/x",
      "https://127.0.0.1/hook",
      "https://[::1]/hook",
      "https://169.254.169.254/latest/meta-data/",
      "https://10.0.0.7/",
      "https://localhost:8443/",
      "https://[::ffff:127.0.0.1]/",
      "https://user:secret@hooks.example.com/",
      "https://no-such-host.invalid/",
    ]) {
      const answer = await create({ url, events: ["*"] });
      expectProblem(answer, 422, "webhook_url_not_allowed");
    }
    // The same URL is accepted where private targets are allowed (npm start).
    process.env.WEBHOOK_ALLOW_PRIVATE = "true";
    expect((await create({ url: "http://127.0.0.1:9/hook", events: ["*"] })).status).toBe(201);
  });

  it("answers bad input with 422s and unknown ids with 404s, never a 500; managers only", async () => {
    expectProblem(
      await create({ url: "https://hooks.example.com", events: [] }),
      422,
      "validation_failed",
    );
    expectProblem(
      await create({ url: "https://hooks.example.com", events: ["raffle.nope"] }),
      422,
      "validation_failed",
    );
    expectProblem(
      await create({ url: "https://hooks.example.com", events: ["*"], extra: 1 }),
      422,
      "validation_failed",
    );
    expectProblem(await create({ url: 42, events: ["*"] }), 422, "validation_failed");
    expectProblem(
      await create({ url: "https://hooks.example.com", events: ["*"] }, "203.0.113.9"),
      403,
      "forbidden",
    );
    const missing = "we_0123456789abcdefghijkl";
    expectProblem(
      await invoke(getEndpoint, {
        path: `/v1/webhook-endpoints/${missing}`,
        pathParameters: { endpoint_id: missing },
        sourceIp: MANAGER,
      }),
      404,
      "webhook_endpoint_not_found",
    );
    expectProblem(
      await invoke(getEndpoint, {
        path: "/v1/webhook-endpoints/nope",
        pathParameters: { endpoint_id: "nope" },
        sourceIp: MANAGER,
      }),
      404,
      "webhook_endpoint_not_found",
    );
    expectProblem(
      await invoke(patchEndpoint, {
        method: "PATCH",
        path: `/v1/webhook-endpoints/${missing}`,
        pathParameters: { endpoint_id: missing },
        body: { status: "disabled" },
        sourceIp: MANAGER,
      }),
      404,
      "webhook_endpoint_not_found",
    );
    const delivery = "wd_0123456789abcdefghijkl";
    expectProblem(
      await invoke(retryDelivery, {
        method: "POST",
        path: `/v1/webhook-deliveries/${delivery}/retry`,
        pathParameters: { delivery_id: delivery },
        sourceIp: MANAGER,
      }),
      404,
      "webhook_delivery_not_found",
    );
  });

  it("lists endpoints newest first without their secrets; a patch to a private URL is refused", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = "true";
    const made = await create({
      url: "http://127.0.0.1:9/a",
      events: ["raffle.drawn"],
      description: "a",
    });
    const { id } = made.body as { id: string };
    const page = await invoke(listEndpoints, { path: "/v1/webhook-endpoints", sourceIp: MANAGER });
    const items = (page.body as { items: Record<string, unknown>[] }).items;
    expect(items[0]).toMatchObject({ id, events: ["raffle.drawn"], status: "enabled" });
    expect(items.every((item) => !("secret" in item))).toBe(true);
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    expectProblem(
      await invoke(patchEndpoint, {
        method: "PATCH",
        path: `/v1/webhook-endpoints/${id}`,
        pathParameters: { endpoint_id: id },
        body: { url: "https://192.168.0.10/x" },
        sourceIp: MANAGER,
      }),
      422,
      "webhook_url_not_allowed",
    );
  });
});
