// `npm run seed`: loads the demo catalogue into the API that `npm start` runs (or SEED_URL);
// OPERATOR_KEY is sent where that API requires operator keys (MANAGER_KEYS=required).
import { progress } from "./progress";
import { seed } from "./seed-catalogue";

const base = process.env.SEED_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
try {
  // Every step is a line: the seed is short, and a line per step shows where it stopped.
  const report = progress("seed", 0);
  const result = await seed(
    base,
    Date.now(),
    (message) => report(message),
    process.env.OPERATOR_KEY || undefined,
  );
  console.log(
    `Seeded ${base}: ${result.coupons.created} coupons created, ${result.coupons.kept} already there; demo raffle ${result.raffle}.`,
  );
  console.log(`Try: curl '${base}/v1/coupons?near=47.61,-122.34&radius_km=10&status=active'`);
} catch (error) {
  console.error(`Seeding ${base} failed: ${(error as Error).message}`);
  console.error("Is the API running? Start it with `npm start`.");
  process.exit(1);
}
