import { sendSmsFunction } from "#notifications/api/routes";
import type { StreamFunctionDefinition } from "#platform/function-definitions";

/** Every function on the table's stream: the CDK stack and the local stream runner use this. */
export const streamFunctions: readonly StreamFunctionDefinition[] = [sendSmsFunction];
