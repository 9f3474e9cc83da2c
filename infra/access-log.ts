import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";

/**
 * One JSON object per request in the API's access logs (CloudWatch Logs Insights reads its
 * fields without a parse pattern). `lambdaRequestId` is the Lambda invocation's request id —
 * the `X-Request-Id` a client sees (`context.awsRequestId`, shared/platform/http/handler.ts) and
 * the `request_id` of the function's own log lines — so a user's report joins both logs;
 * `requestId` is the gateway's own id. A request the gateway answers itself (throttled, too
 * large) never reaches a function: its `lambdaRequestId` is "-".
 */
export const ACCESS_LOG_FIELDS = {
  requestId: "$context.requestId",
  lambdaRequestId: "$context.integration.requestId",
  time: "$context.requestTime",
  ip: "$context.identity.sourceIp",
  method: "$context.httpMethod",
  path: "$context.path",
  routeKey: "$context.routeKey",
  protocol: "$context.protocol",
  status: "$context.status",
  responseLength: "$context.responseLength",
  responseLatencyMs: "$context.responseLatency",
  integrationStatus: "$context.integration.status",
  integrationLatencyMs: "$context.integration.latency",
  integrationError: "$context.integrationErrorMessage",
  userAgent: "$context.identity.userAgent",
} as const;

export const accessLogFormat = () => AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS));
