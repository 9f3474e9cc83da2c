import { outboxKinds, staleWorkSweeper } from "../../shared/outbox/sweeper";
import { streamFunctions } from "../../shared/stream-functions";

export const handler = staleWorkSweeper(outboxKinds(streamFunctions));
