// Headless Chromium on the /docs page, for the browser test and the bench (free of vitest).
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's `chromium` package (`.ci/run` installs it); `CHROMIUM_PATH` names another. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Starts headless Chromium with nothing of its own on the network; Playwright gives it a fresh
 * profile of its own.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH. The /docs browser test needs it; .ci/run installs it.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

// The functions below run in the page; this project's types have no DOM, so they name the little
// of it they use.
interface PageGlobals {
  cspViolations: string[];
  document: {
    addEventListener: (
      type: "securitypolicyviolation",
      listener: (event: { violatedDirective: string; blockedURI: string }) => void,
    ) => void;
    querySelectorAll: (selector: string) => { length: number };
  };
}
interface OperationBlock {
  querySelector: (selector: string) => {
    textContent: string | null;
    getAttribute: (name: string) => string | null;
  } | null;
}

/** One request the page made, with what it cost on the wire. */
export interface PageRequest {
  url: string;
  method: string;
  status: number | undefined;
  /** Body bytes as transferred (compressed) plus response headers. */
  transferredBytes: number;
  contentEncoding: string | undefined;
}

/** What loading /docs showed: every request, the operations listed, and how long it took. */
export interface DocsPageLoad {
  requests: PageRequest[];
  /** `METHOD /path` of every operation the page lists. */
  operations: string[];
  /** From navigation until every operation is listed. */
  loadMs: number;
  cspViolations: string[];
}

/** Opens `<origin>/docs` in a new page and waits until it lists `expectedOperations`. */
export async function loadDocsPage(
  browser: Browser,
  origin: string,
  expectedOperations: number,
): Promise<{ page: Page; load: DocsPageLoad; requests: () => Promise<PageRequest[]> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 2000 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const window = globalThis as unknown as PageGlobals;
    window.cspViolations = [];
    window.document.addEventListener("securitypolicyviolation", (event) =>
      window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  const pending: Promise<PageRequest>[] = [];
  page.on("requestfinished", (request) => {
    pending.push(
      (async () => {
        const [response, sizes] = await Promise.all([request.response(), request.sizes()]);
        return {
          url: request.url(),
          method: request.method(),
          status: response?.status(),
          transferredBytes: sizes.responseBodySize + sizes.responseHeadersSize,
          contentEncoding: (await response?.allHeaders())?.["content-encoding"],
        };
      })(),
    );
  });
  page.on("requestfailed", (request) => {
    pending.push(
      Promise.resolve({
        url: request.url(),
        method: request.method(),
        status: undefined,
        transferredBytes: 0,
        contentEncoding: undefined,
      }),
    );
  });
  const started = performance.now();
  await page.goto(`${origin}/docs`);
  await page.waitForFunction(
    (count) =>
      (globalThis as unknown as PageGlobals).document.querySelectorAll(".opblock").length >= count,
    expectedOperations,
    { timeout: 60_000 },
  );
  const loadMs = performance.now() - started;
  const operations = await page.$$eval(".opblock", (blocks: OperationBlock[]) =>
    blocks.map((block) => {
      const method = block.querySelector(".opblock-summary-method")?.textContent ?? "";
      const path = block.querySelector(".opblock-summary-path")?.getAttribute("data-path") ?? "";
      return `${method.trim().toUpperCase()} ${path}`;
    }),
  );
  const cspViolations = await page.evaluate(
    () => (globalThis as unknown as PageGlobals).cspViolations,
  );
  return {
    page,
    load: { requests: await Promise.all(pending), operations, loadMs, cspViolations },
    requests: () => Promise.all(pending),
  };
}
