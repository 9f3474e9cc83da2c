import { sendSmsFunction } from "./notifications/routes";
import type { StreamFunctionDefinition } from "./streams/stream-function";

/** Every function on the table's stream: the CDK stack and the local stream runner use this. */
export const streamFunctions: readonly StreamFunctionDefinition[] = [sendSmsFunction];
