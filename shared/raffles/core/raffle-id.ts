import { randomBytes } from "node:crypto";

const RAFFLE_ID = /^r_[0-9a-f]{32}$/;

/** A new raffle id: `r_` and 128 random bits in hex. */
export const newRaffleId = () => `r_${randomBytes(16).toString("hex")}`;

/** The id itself if it has a raffle id's shape; anything else cannot name a raffle. */
export const parseRaffleId = (id: string) => (RAFFLE_ID.test(id) ? id : undefined);
