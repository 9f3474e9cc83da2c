import { listCoupons, listCouponsRoute } from "#coupons";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler(listCouponsRoute, async ({ query }) =>
  ok(await listCoupons(query)),
);
