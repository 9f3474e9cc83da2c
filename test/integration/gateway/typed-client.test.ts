// One whole flow per domain through the typed client (clients/typescript: openapi-fetch over
// the types generated from openapi.json), against the real local gateway over HTTP: the client
// is proven against the server, and every answer is still checked against the document.
import { describe, expect, it } from "vitest";
import { createTombolaClient, type Schema } from "../../../clients/typescript/src/index";
import { useBeaconClockAhead } from "../../support/beacon-clock";
import { checkGatewayResponse } from "../../support/contract";
import { useTestGateway } from "../../support/gateway";

const gateway = useTestGateway();
useBeaconClockAhead();

/** A client of the test gateway (called from 127.0.0.1: a manager) whose answers are checked. */
function client(token?: string) {
  const api = createTombolaClient(gateway.url, {
    ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
  });
  api.use({
    async onResponse({ request, response }) {
      const text = await response.clone().text();
      const type = response.headers.get("content-type") ?? "";
      const url = new URL(request.url);
      checkGatewayResponse(request.method, `${url.pathname}${url.search}`, {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: type.includes("json") && text ? JSON.parse(text) : text,
      });
      return response;
    },
  });
  return api;
}

const unique = () => Math.random().toString(36).slice(2, 10);

describe("the typed client against the real server", () => {
  it("raffles: create, claim, read, draw, winners, verify the ticket", async () => {
    const api = client();
    const created = await api.POST("/v1/raffles", {
      body: { name: "Typed raffle", total_tickets: 1, prizes: [{ name: "Mug", quantity: 1 }] },
    });
    expect(created.response.status).toBe(201);
    const raffle: Schema<"Raffle"> | undefined = created.data;
    const id = raffle?.id as string;
    const ticket = await api.POST("/v1/raffles/{id}/tickets", { params: { path: { id } } });
    const number = ticket.data?.ticket_number as number;
    expect(number).toBe(1);
    const read = await api.GET("/v1/raffles/{id}", { params: { path: { id } } });
    expect(read.data).toMatchObject({ tickets_remaining: 0, status: "sold_out" });
    const again = await api.POST("/v1/raffles/{id}/tickets", { params: { path: { id } } });
    expect(again.error?.code).toBe("already_participated");
    const drawn = await api.POST("/v1/raffles/{id}/draw", { params: { path: { id } } });
    expect(drawn.error).toBeUndefined();
    expect(drawn.data?.winners.map((winner) => winner.ticket_number)).toEqual([number]);
    const winners = await api.GET("/v1/raffles/{id}/winners", { params: { path: { id } } });
    expect(winners.data).toEqual(drawn.data);
    const verified = await api.POST("/v1/raffles/{id}/tickets/{ticket_number}/verify", {
      params: { path: { id, ticket_number: String(number) } },
      body: { verification_code: ticket.data?.verification_code as string },
    });
    expect(verified.response.status).toBe(200);
  });

  it("accounts, ledger and notifications: register, log in, be credited, read it, see its SMS", async () => {
    const email = `typed-${unique()}@example.com`;
    const password = "correct horse battery";
    const registered = await client().POST("/v1/accounts", {
      body: { email, password, name: "Ada", phone: "+41446681800" },
    });
    expect(registered.response.status).toBe(201);
    const account: Schema<"Account"> | undefined = registered.data;
    const session = await client().POST("/v1/sessions", { body: { email, password } });
    const holder = client(session.data?.token);
    expect((await holder.GET("/v1/accounts/me")).data?.email).toBe(email);

    const credited = await client().POST("/v1/accounts/{account_id}/transactions", {
      params: {
        path: { account_id: account?.id as string },
        header: { "Idempotency-Key": `typed-${unique()}` },
      },
      body: { type: "credit", amount: "12.50", description: "Prize payout" },
    });
    expect(credited.response.status).toBe(201);
    const transaction: Schema<"Transaction"> | undefined = credited.data;
    const own = await holder.GET("/v1/accounts/me/transactions");
    expect(own.data?.items.map((item) => item.id)).toEqual([transaction?.id]);
    expect(transaction?.notification?.status).toBe("pending");

    const notifications = await client().GET("/v1/notifications", {
      params: { query: { status: "pending" } },
    });
    expect(notifications.response.status).toBe(200);
    expect((await holder.GET("/v1/accounts/me/analytics")).data?.balance).toBe("12.50");
  });

  it("coupons: create, read, change a field", async () => {
    const api = client();
    const example = (await api.GET("/openapi.json")).data as unknown as {
      paths: Record<
        string,
        { post: { requestBody: { content: Record<string, { example: unknown }> } } }
      >;
    };
    const body = {
      ...(example.paths["/v1/coupons"]?.post.requestBody.content["application/json"]
        ?.example as Schema<"CouponBody">),
      code: `TYPED${unique().toUpperCase()}`,
    };
    const created = await api.POST("/v1/coupons", { body });
    expect(created.response.status).toBe(201);
    const coupon: Schema<"Coupon"> | undefined = created.data;
    const coupon_id = coupon?.id as string;
    const read = await api.GET("/v1/coupons/{coupon_id}", { params: { path: { coupon_id } } });
    expect(read.data?.code).toBe(body.code);
    const patched = await api.PATCH("/v1/coupons/{coupon_id}", {
      params: { path: { coupon_id } },
      body: { title: "Typed title" },
    });
    expect(patched.data?.title).toBe("Typed title");
  });

  it("monitoring: an event, its alerts, a user's risk level", async () => {
    const api = client();
    const userId = 100_000 + Math.floor(Math.random() * 800_000);
    const user_id = String(userId);
    const event = await api.POST("/v1/events", {
      body: { type: "deposit", amount: "10.00", user_id: userId, time: 1 },
    });
    expect(event.response.status).toBe(201);
    const events = await api.GET("/v1/users/{user_id}/events", {
      params: { path: { user_id } },
    });
    expect(events.data?.items).toHaveLength(1);
    const risk = await api.PUT("/v1/users/{user_id}/risk", {
      params: { path: { user_id } },
      body: { level: "high" },
    });
    expect(risk.data).toEqual({ user_id: userId, level: "high" });
    expect(
      (await api.GET("/v1/users/{user_id}/risk", { params: { path: { user_id } } })).data,
    ).toEqual(risk.data);
  });
});
