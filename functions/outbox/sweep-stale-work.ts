import { outboxFailedWrites, streamFunctions } from "#app/functions";
import { outboxKinds, staleWorkSweeper } from "#platform/outbox/sweeper";

export const handler = staleWorkSweeper(outboxKinds(streamFunctions), outboxFailedWrites);
