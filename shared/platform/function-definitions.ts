import type { TableAction } from "#platform/http/route";

/**
 * A Lambda event filter pattern for a DynamoDB stream record, in the JSON form Lambda's
 * FilterCriteria takes. The local stream runner applies the very same patterns.
 */
export type FilterPattern = { [field: string]: FilterPattern | readonly (string | number)[] };

/**
 * A function on the table's stream: the single source of truth from which the CDK stack builds
 * the function and its event source mapping, and the local stream runner runs it.
 */
export interface StreamFunctionDefinition {
  /** The Lambda entry point, relative to `functions/`. */
  handler: string;
  description: string;
  /** Only records matching one of these patterns invoke the function (at most 5). */
  filters: readonly FilterPattern[];
  batchSize: number;
  /** Retries of a failed batch before its records go to the on-failure destination. */
  maxRetryAttempts: number;
  /** Records older than this are not retried but go to the on-failure destination. */
  maxRecordAgeSeconds: number;
  /** The function's timeout. */
  timeoutSeconds: number;
  /** Least privilege: exactly the table actions the function performs. */
  tableActions: TableAction[];
  /** Whether the function sends SMS (granted `sms-voice:SendTextMessage` on the identity only). */
  sendsSms?: boolean;
  /**
   * The outbox kind this function works on: the local runner, which cannot keep its stream
   * position across restarts, starts by handing it the work still pending in the table.
   */
  outboxKind?: string;
}
