// docs/scale.md's generated tables, from the measured operation costs (`npx tsx
// test/support/scale-tables.ts` prints them to paste between the page's markers).

import { streamFunctions } from "#app/functions";
import { routes } from "#app/routes";
import { routeKey } from "#platform/http/route";
import { markdownTable } from "./markdown";
import {
  assumedDurationMs,
  assumedPrices,
  monthlyWorkload,
  type OperationId,
  operationCosts,
} from "./operation-costs";
export const ids = Object.keys(operationCosts) as OperationId[];
const number = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });
const usd = (n: number) => `$${n.toFixed(2)}`;
const STREAM = "stream: ";
/** Whether a measured operation is a stream function's, not an API call. */
const onStream = (id: OperationId) => operationCosts[id].route.startsWith(STREAM);
/** The function a measured operation calls: its route's, or the stream function it names. */
export const functionOf = (id: OperationId) => {
  const named = operationCosts[id].route;
  return onStream(id)
    ? streamFunctions.find((fn) => `${STREAM}${fn.function.handler}` === `${named}.ts`)?.function
    : routes.find((route) => routeKey(route) === named)?.function;
};

/** The page's table of what each operation costs. */
export const costsTable = () =>
  markdownTable(
    ["operation", "route", "measured with", "DynamoDB requests", "read units", "write units"],
    ids.map((id) => {
      const cost = operationCosts[id];
      const requests = Object.entries(cost.requests).map(([name, n]) => `${n} ${name}`);
      return [
        cost.operation,
        `\`${cost.route}\``,
        cost.setting || "-",
        requests.join(", "),
        number(cost.readUnits),
        number(cost.writeUnits),
      ];
    }),
  );

/** The page's monthly bill of the stated workload: DynamoDB, API Gateway, Lambda. */
export function workloadTable() {
  const p = assumedPrices;
  let reads = 0;
  let writes = 0;
  let calls = 0;
  let invocations = 0;
  let gbSeconds = { arm: 0, x86: 0 };
  const rows = ids.map((id) => {
    const count = monthlyWorkload[id];
    const { readUnits, writeUnits } = operationCosts[id];
    reads += count * readUnits;
    writes += count * writeUnits;
    invocations += count;
    // A stream function's invocations are not API calls.
    if (!onStream(id)) calls += count;
    const fn = functionOf(id);
    const hashing = (fn?.nativeModules?.length ?? 0) > 0;
    const gb =
      (((fn?.memoryMiB ?? 256) / 1024) *
        (hashing ? assumedDurationMs.passwordHashing : assumedDurationMs.default)) /
      1000;
    gbSeconds = hashing
      ? { ...gbSeconds, x86: gbSeconds.x86 + count * gb }
      : { ...gbSeconds, arm: gbSeconds.arm + count * gb };
    const dynamo =
      (count * readUnits * p.perMillionReadUnits + count * writeUnits * p.perMillionWriteUnits) /
      1e6;
    return [
      operationCosts[id].operation,
      number(count),
      number(count * readUnits),
      number(count * writeUnits),
      usd(dynamo),
    ];
  });
  const dynamo = (reads * p.perMillionReadUnits + writes * p.perMillionWriteUnits) / 1e6;
  const api = (calls * p.perMillionApiRequests) / 1e6;
  const lambda =
    (invocations * p.perMillionLambdaRequests) / 1e6 +
    gbSeconds.arm * p.perArmGbSecond +
    gbSeconds.x86 * p.perX86GbSecond;
  return [
    markdownTable(
      ["operation", "calls a month", "read units", "write units", "DynamoDB"],
      [
        ...rows,
        ["**all**", number(invocations), number(reads), number(writes), `**${usd(dynamo)}**`],
      ],
    ),
    "",
    markdownTable(
      ["what", "arithmetic", "a month"],
      [
        [
          "DynamoDB requests",
          `${number(reads)} RRU × $${p.perMillionReadUnits}/M + ${number(writes)} WRU × $${p.perMillionWriteUnits}/M`,
          usd(dynamo),
        ],
        ["HTTP API", `${number(calls)} requests × $${p.perMillionApiRequests}/M`, usd(api)],
        [
          "Lambda",
          `${number(invocations)} invocations × $${p.perMillionLambdaRequests}/M + ${number(gbSeconds.arm)} GB-s arm64 × $${p.perArmGbSecond} + ${number(gbSeconds.x86)} GB-s x86 × $${p.perX86GbSecond}`,
          usd(lambda),
        ],
        ["**requests, all**", "", `**${usd(dynamo + api + lambda)}**`],
      ],
    ),
  ].join("\n");
}

if (process.argv[1]?.endsWith("scale-tables.ts")) {
  console.log(`<!-- costs -->\n${costsTable()}\n\n<!-- workload -->\n${workloadTable()}`);
}
