import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "#app/routes";
import { routeKey } from "#platform/http/route";
import { launchChromium, loadDocsPage } from "../support/docs-browser";
import { useTestGateway } from "../support/gateway";

const gateway = useTestGateway();
const ARTIFACTS = join(import.meta.dirname, "../artifacts");

let browser: Awaited<ReturnType<typeof launchChromium>>;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe("the /docs page in Chromium", () => {
  it("lists every operation, runs GET /health from “try it”, and asks nothing of another origin", async () => {
    const { page, load, requests } = await loadDocsPage(browser, gateway.url, routes.length);
    expect([...load.operations].sort()).toEqual(routes.map(routeKey).sort());

    const health = page.locator(".opblock", { has: page.locator('[data-path="/health"]') });
    await health.locator(".opblock-summary").click();
    await health.locator(".try-out__btn").click();
    await health.locator(".execute").click();
    const status = health.locator(".live-responses-table .response .response-col_status").first();
    await status.waitFor({ timeout: 30_000 });
    expect((await status.textContent())?.trim()).toMatch(/^200/);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "docs-page.png"), fullPage: false });

    const all = await requests();
    const origin = new URL(gateway.url).origin;
    const elsewhere = all.filter(
      (r) => !r.url.startsWith("data:") && new URL(r.url).origin !== origin,
    );
    expect(elsewhere.map((r) => r.url)).toEqual([]);
    expect(all.filter((r) => r.status === undefined || r.status >= 400).map((r) => r.url)).toEqual(
      [],
    );
    expect(all.some((r) => r.url === `${origin}/health` && r.status === 200)).toBe(true);
    expect(load.cspViolations).toEqual([]);

    const assets = all.filter((r) => r.url.includes("/docs/"));
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) expect(asset.contentEncoding).toMatch(/^(br|gzip)$/);
    // Figures for the report, never asserted: the machine is shared.
    const transferred = all.reduce((sum, r) => sum + r.transferredBytes, 0);
    console.log(
      `/docs: ${Math.round(load.loadMs)} ms until all ${load.operations.length} operations were listed; ${all.length} requests, ${transferred} bytes transferred`,
    );
  }, 120_000);
});
