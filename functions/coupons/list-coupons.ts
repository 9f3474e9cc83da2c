import { listCoupons } from "../../shared/coupons/list-coupons";
import { listCouponsRoute } from "../../shared/coupons/routes";
import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";

export const handler = httpHandler(listCouponsRoute, async ({ query }) =>
  ok(await listCoupons(query)),
);
