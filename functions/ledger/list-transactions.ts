import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { listTransactions } from "../../shared/ledger/reads";
import { listTransactionsRoute } from "../../shared/ledger/routes";

export const handler = httpHandler(listTransactionsRoute, async ({ params, query }) =>
  ok(await listTransactions({ accountId: params.account_id, as: "manager" }, query, query)),
);
