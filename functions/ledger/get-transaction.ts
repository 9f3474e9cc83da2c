import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { readTransaction } from "../../shared/ledger/reads";
import { getTransactionRoute } from "../../shared/ledger/routes";

export const handler = httpHandler(getTransactionRoute, async ({ params }) =>
  ok(await readTransaction({ accountId: params.account_id, as: "manager" }, params.transaction_id)),
);
