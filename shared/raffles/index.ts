/**
 * The raffles domain's one door: the app, the entry points, the local runtime and the other
 * domains use it through `#raffles` and nothing deeper.
 */
export { raffleMetrics } from "#raffles/api/metrics";
export {
  claimTicketRoute,
  createRaffleRoute,
  drawRaffleRoute,
  getAuditRoute,
  getRaffleRoute,
  getWinnersRoute,
  listAuditTicketsRoute,
  listRafflesRoute,
  raffleRoutes,
  verifyTicketRoute,
} from "#raffles/api/routes";
export { AUTO_DRAW_LEASE_MS, autoDrawFunction, autoDrawWork } from "#raffles/auto-draw";
export {
  beaconKind,
  checkBeaconConfiguration,
  configuredBeacon,
} from "#raffles/beacon/configured-beacon";
export { claimTicket } from "#raffles/claim-ticket";
export { newSecretKey } from "#raffles/core/bls";
export { createRaffle } from "#raffles/create-raffle";
export { drawRaffle } from "#raffles/draw-raffle";
export { listRegister } from "#raffles/list-register";
export { readAudit } from "#raffles/read-audit";
export { listRaffles, readRaffle } from "#raffles/read-raffles";
export { readWinners } from "#raffles/read-winners";
export { verifyTicket } from "#raffles/verify-ticket";
