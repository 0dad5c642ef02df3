/**
 * `pnpm bench web`: the web page's first load in headless Chromium (Debian's, as the browser
 * tests drive it) against a demo store (a generated county, seeded and projected here): a cold
 * load (browser cache cleared) of the sign-in, a deputy's record, the ranking (the table it opens
 * with), and the ranking's heat map (its chunk loaded when its tab is opened), five times each.
 * Per page: bytes transferred (compressed, the page, its assets and its API answers) and the time
 * from navigation start to the `duty-ledger:ready` mark. Goal (issue 21): the ranking's first
 * load under 250 KiB and ready in under 600 ms (median).
 */
import type { Page } from "playwright-core";
import { chromiumMissingReason, launchBrowser, waitView } from "../src/browser.test-support.js";
import { demoIdentity, startDemoServer } from "../src/demo-server.test-support.js";

interface Load {
  readonly readyMs: number | null;
  readonly transferred: number;
  readonly requests: number;
}

// Evaluated in the page (the bench is type-checked without the DOM library).
const FIGURES = `(() => {
  const ready = performance.getEntriesByName("duty-ledger:ready")[0];
  const all = [performance.getEntriesByType("navigation")[0], ...performance.getEntriesByType("resource")];
  return { readyMs: ready ? Math.round(ready.startTime) : null, transferred: all.reduce((s, e) => s + e.transferSize, 0), requests: all.length };
})()`;

const ROUNDS = 5;
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const missing = chromiumMissingReason();
if (missing !== null) {
  console.log(`[web first load] skipped: ${missing}`);
  process.exit(0);
}

const server = await startDemoServer();
const browser = await launchBrowser();
try {
  // The first request waits for the client's build (seconds): not part of a page's load.
  await fetch(`${server.url}/`);
  const office = demoIdentity(server, "office").token;
  const deputy = demoIdentity(server, "deputy").token;
  const cases: { name: string; token?: string; hash: string; view: string | null; then?: (page: Page) => Promise<void> }[] = [
    { name: "sign-in", hash: "", view: null },
    { name: "deputy's record", token: deputy, hash: "#/record", view: "record" },
    { name: "ranking (first load)", token: office, hash: "#/scores", view: "scores" },
    {
      name: "ranking + heat map tab",
      token: office,
      hash: "#/scores",
      view: "scores",
      then: async (page) => {
        await page.click("#tab-chart");
        await page.waitForSelector("[data-chart='indicators'][data-rendered='true'] canvas", { timeout: 30_000 });
      },
    },
  ];
  const rows: string[] = [];
  let goal = true;
  for (const c of cases) {
    const loads: Load[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const page = await browser.newPage(c.token === undefined ? {} : { token: c.token });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Network.clearBrowserCache");
      await page.goto(`${server.url}/${c.hash}`);
      if (c.view === null) await page.waitForSelector("html[data-ready='true']", { timeout: 30_000 });
      else await waitView(page, c.view);
      await c.then?.(page);
      loads.push((await page.evaluate(FIGURES)) as Load);
      await page.close();
    }
    const bytes = loads.map((l) => l.transferred);
    const ready = loads.map((l) => l.readyMs ?? Number.NaN);
    const line = `${c.name}: ${kib(median(bytes))} (${kib(Math.min(...bytes))}–${kib(Math.max(...bytes))}), ${loads[0]?.requests ?? 0} requests; ready ${median(ready)} ms (${Math.min(...ready)}–${Math.max(...ready)} ms)`;
    if (c.name === "ranking (first load)") {
      const pass = median(bytes) < 250 * 1024 && median(ready) < 600;
      goal = pass;
      rows.push(`${line} — goal < 250 KiB and < 600 ms: ${pass ? "pass" : "fail"}`);
    } else rows.push(line);
  }
  console.log(`[web first load] ${server.seededEvents} events seeded; ${ROUNDS} cold loads each, median (min–max)`);
  for (const row of rows) console.log(`  ${row}`);
  console.log(`[web first load] goal: ${goal ? "pass" : "fail"}`);
} finally {
  await browser.close();
  await server.close();
}
