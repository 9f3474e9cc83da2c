// `npm run seed`: a small demo catalogue and a demo raffle, loaded into a running API through its
// own HTTP routes (so every rule applies). Idempotent: what is there already is left alone.

import type { CouponRecord } from "#app/local-runtime";

const DAY = 86_400_000;

type Store = CouponRecord["store"];

const stores: Record<string, Store> = {
  pike: {
    street: "1 Pike St",
    city: "Seattle",
    state: "WA",
    zip: "98101",
    phone: "+1 (206) 555-0100",
    lat: 47.6097,
    long: -122.3422,
  },
  udistrict: {
    street: "4315 University Way N.E.",
    city: "Seattle",
    state: "WA",
    zip: "98105",
    phone: "547-2445",
    lat: 47.66001,
    long: -122.31313,
  },
  fremont: {
    street: "3400 Fremont Ave N",
    city: "Seattle",
    state: "WA",
    zip: "98103",
    phone: "(206) 555-0142",
    lat: 47.6505,
    long: -122.3493,
  },
  marais: {
    street: "12 Rue des Rosiers",
    city: "Paris",
    zip: "75004",
    phone: "+33 1 42 72 00 00",
    lat: 48.8573,
    long: 2.3597,
  },
  louvre: {
    street: "99 Rue de Rivoli",
    city: "Paris",
    zip: "75001",
    phone: "+33 1 40 20 50 50",
    lat: 48.8606,
    long: 2.3376,
  },
  shibuya: {
    street: "2-24-1 Shibuya",
    city: "Tokyo",
    zip: "150-0002",
    phone: "+81 3-3477-3111",
    lat: 35.6595,
    long: 139.7005,
  },
  suva: {
    street: "Victoria Parade",
    city: "Suva",
    phone: "+679 331 2000",
    lat: -18.1416,
    long: 178.4419,
  },
  taveuni: {
    street: "Waiyevo Rd",
    city: "Taveuni",
    phone: "+679 888 0000",
    lat: -16.8,
    long: 179.97,
  },
};

/** Days from now: negative is the past. */
const days = (now: number, n: number) => new Date(now + n * DAY).toISOString();

/** The demo coupons, their windows relative to `now`: active, scheduled, expired, one invalid. */
export function demoCoupons(now: number) {
  const coupon = (
    code: string,
    title: string,
    merchant: string,
    category: string,
    store: Store,
    from: number,
    to: number,
    limits: { max_redemptions?: number; per_account_limit?: number } = {},
  ) => ({
    code,
    title,
    description: "Show the code at the till. One use per visit.",
    category,
    merchant,
    store,
    published_at: days(now, from),
    expire_at: days(now, to),
    ...limits,
  });
  return [
    coupon("LATTE25", "25% off any latte", "Cafe Uno", "Coffee", stores.pike as Store, -10, 60, {
      max_redemptions: 500,
    }),
    coupon(
      "WELCOME10",
      "10% off your first order",
      "Cafe Uno",
      "Coffee",
      stores.fremont as Store,
      -30,
      335,
    ),
    coupon(
      "WELCOME10",
      "10% off your first order",
      "Le Petit Four",
      "Food",
      stores.marais as Store,
      -5,
      85,
    ),
    coupon(
      "PETS",
      "30% off two regular-priced items",
      "Pets R Us",
      "Pets",
      stores.udistrict as Store,
      -2,
      28,
      { per_account_limit: 2 },
    ),
    coupon(
      "SPRING",
      "Spring sale: 20% off",
      "Pets R Us",
      "Pets",
      stores.udistrict as Store,
      -120,
      -30,
    ),
    coupon(
      "SPRING",
      "Spring sale is back: 25% off",
      "Pets R Us",
      "Pets",
      stores.udistrict as Store,
      150,
      200,
    ),
    coupon("MUSEE", "Free audio guide", "Louvre Shop", "Culture", stores.louvre as Store, -1, 13, {
      max_redemptions: 25,
    }),
    coupon(
      "CROISSANT",
      "Two croissants for one",
      "Le Petit Four",
      "Food",
      stores.marais as Store,
      3,
      17,
    ),
    coupon("RAMEN500", "500 yen off a bowl", "Ramen Ichi", "Food", stores.shibuya as Store, -7, 7, {
      max_redemptions: 100,
      per_account_limit: 1,
    }),
    coupon(
      "TOKYO",
      "Night market: drinks half price",
      "Ramen Ichi",
      "Food",
      stores.shibuya as Store,
      -60,
      -1,
    ),
    coupon("BULA", "Free kava on arrival", "Bula Tours", "Travel", stores.suva as Store, -14, 90),
    coupon(
      "DATELINE",
      "Dive the Rainbow Reef: 15% off",
      "Rainbow Divers",
      "Travel",
      stores.taveuni as Store,
      -3,
      120,
    ),
    // Expires before it is published: the brief's rule calls it invalid; it lists and never redeems.
    coupon("OOPS", "Typo in the dates", "Cafe Uno", "Coffee", stores.pike as Store, 10, -10),
  ];
}

export const DEMO_RAFFLE = {
  name: "Tombola demo raffle",
  total_tickets: 100,
  prizes: [
    { name: "Espresso machine", quantity: 1 },
    { name: "Coffee for a month", quantity: 3 },
  ],
};

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  operatorKey?: string,
) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(operatorKey ? { authorization: `Bearer ${operatorKey}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  }
  return parsed;
}

/** Every item of a list route, following next_cursor. */
async function everyItem(base: string, path: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const page = await call(
      base,
      "GET",
      `${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

/**
 * Loads the demo catalogue and raffle into the API at `base` (a manager's address: the local
 * API's defaults make 127.0.0.1 one), sending `operatorKey` where the API has
 * MANAGER_KEYS=required. A coupon already there (same merchant, code and title) and a raffle of
 * the same name are kept as they are.
 */
export async function seed(
  base: string,
  now = Date.now(),
  onProgress: (message: string) => void = () => {},
  operatorKey?: string,
) {
  let created = 0;
  let kept = 0;
  const coupons = demoCoupons(now);
  for (const [index, coupon] of coupons.entries()) {
    onProgress(`coupon ${index + 1} of ${coupons.length}: ${coupon.merchant} ${coupon.code}`);
    const query = new URLSearchParams({ merchant: coupon.merchant, code: coupon.code });
    const existing = await everyItem(base, `/v1/coupons?${query}`);
    if (existing.some((item) => item.title === coupon.title)) {
      kept++;
      continue;
    }
    await call(base, "POST", "/v1/coupons", coupon, operatorKey);
    created++;
  }
  onProgress(`demo raffle "${DEMO_RAFFLE.name}"`);
  const raffles = await everyItem(base, "/v1/raffles");
  const raffleCreated = !raffles.some((raffle) => raffle.name === DEMO_RAFFLE.name);
  if (raffleCreated) await call(base, "POST", "/v1/raffles", DEMO_RAFFLE, operatorKey);
  return { coupons: { created, kept }, raffle: raffleCreated ? "created" : "kept" };
}
