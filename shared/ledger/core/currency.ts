const configured = process.env.CURRENCY || "USD";
// Checked once per cold start: a bad CURRENCY fails the function's init, not each request.
if (!/^[A-Z]{3}$/.test(configured)) {
  throw new Error(
    `CURRENCY must be an ISO 4217 code such as USD, not ${JSON.stringify(configured)}`,
  );
}

/** The deployment's currency (`CURRENCY`, ISO 4217, default USD): every new wallet holds it. */
export const ledgerCurrency = configured;
