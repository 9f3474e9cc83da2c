/*
 * Every Lambda function of ours is one of three kinds, each defined once: an API route, a
 * function on the table's stream, a function on a schedule. A definition says what the function
 * serves (the HTTP contract, the stream's filters, the schedule) apart from how it is deployed
 * (`FunctionDeployment`): the CDK stack, the local runtime and the benchmark all read these.
 */
import type * as z from "zod";
import type { HttpContract } from "#platform/http/route";

/** The DynamoDB actions a function may be granted; each function names only those it uses. */
export type TableAction =
  | "dynamodb:GetItem"
  | "dynamodb:BatchGetItem"
  | "dynamodb:Query"
  | "dynamodb:PutItem"
  | "dynamodb:UpdateItem"
  | "dynamodb:DeleteItem"
  | "dynamodb:BatchWriteItem"
  | "dynamodb:ConditionCheckItem";

/** How one function is deployed: its entry point, its grants and what its asset carries. */
export interface FunctionDeployment {
  /** The Lambda entry point, relative to `functions/`; the CDK logical id derives from it. */
  handler: string;
  /** Least privilege: exactly the table actions the function performs. */
  tableActions: TableAction[];
  /** Memory in MiB (default 256). */
  memoryMiB?: number;
  /**
   * Concurrent executions reserved for the function, which also caps it: a flood of costly
   * requests (argon2id at 1.7 GiB) cannot take the account's whole concurrency from the others.
   */
  reservedConcurrency?: number;
  /** Timeout in seconds (default 10). */
  timeoutSeconds?: number;
  /**
   * npm packages with a native binary that the function loads (e.g. `@node-rs/argon2`): kept
   * out of the bundle and shipped in the function's `node_modules` with the binary for its
   * Lambda architecture. Only the functions that name them carry them.
   */
  nativeModules?: string[];
  /** Whether the function serves the /docs page or its assets: its Lambda asset carries them. */
  docsAssets?: boolean;
  /** Whether the function needs the server's hashing key (tokens, verification codes). */
  usesHashKey?: boolean;
  /** Whether the function sends SMS (granted `sms-voice:SendTextMessage` on the identity only). */
  sendsSms?: boolean;
}

/** One API route: its HTTP contract and its function. */
export interface RouteDefinition<
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Params extends z.ZodType | undefined = z.ZodType | undefined,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
  Headers extends z.ZodObject | undefined = z.ZodObject | undefined,
> extends HttpContract<Body, Params, Query, Headers> {
  function: FunctionDeployment;
}

/** Declares a route, keeping its schema types for the handler. */
export function defineRoute<
  Body extends z.ZodType | undefined = undefined,
  Params extends z.ZodType | undefined = undefined,
  Query extends z.ZodType | undefined = undefined,
  Headers extends z.ZodObject | undefined = undefined,
>(
  route: RouteDefinition<Body, Params, Query, Headers>,
): RouteDefinition<Body, Params, Query, Headers> {
  return route;
}

/**
 * A Lambda event filter pattern for a DynamoDB stream record, in the JSON form Lambda's
 * FilterCriteria takes. The local stream runner applies the very same patterns.
 */
export type FilterPattern = { [field: string]: FilterPattern | readonly (string | number)[] };

/** A function on the table's stream: the CDK stack builds its event source mapping from this. */
export interface StreamFunctionDefinition {
  function: FunctionDeployment;
  description: string;
  stream: {
    /** Only records matching one of these patterns invoke the function (at most 5). */
    filters: readonly FilterPattern[];
    batchSize: number;
    /** Retries of a failed batch before its records go to the on-failure destination. */
    maxRetryAttempts: number;
    /** Records older than this are not retried but go to the on-failure destination. */
    maxRecordAgeSeconds: number;
  };
  /**
   * The outbox kind this function works on: the local runner, which cannot keep its stream
   * position across restarts, starts by handing it the work still pending in the table.
   */
  outboxKind?: string;
  /**
   * For a function whose writes follow from the records alone, idempotently and in each item's
   * order (a view kept from the stream): the local runner, which cannot keep its stream position
   * across restarts, reads the stream again from its trim horizon on every start.
   */
  replaysStream?: boolean;
}

/** A function run on a schedule: the CDK stack builds it with its rule, `npm start` on a timer. */
export interface ScheduledFunctionDefinition {
  function: FunctionDeployment;
  description: string;
  everyMinutes: number;
  /**
   * For a function that looks for work more often than a schedule can fire: how often it looks
   * within one run (it runs on until its timeout's end); `npm start`'s timer fires this often.
   */
  passEverySeconds?: number;
}

/** Any function of ours. */
export type FunctionDefinition =
  | RouteDefinition
  | StreamFunctionDefinition
  | ScheduledFunctionDefinition;
