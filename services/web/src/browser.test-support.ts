// Headless Chromium for the web page's browser tests (excluded from the build).
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/** Debian's chromium (installed by `services/web/scripts/ensure-chromium.mjs`), or `CHROMIUM_PATH`. */
export const chromiumPath = (): string => process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/** Why the browser tests cannot run here, or null when they can. */
export const chromiumMissingReason = (): string | null => {
  const path = chromiumPath();
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch {
    return `no Chromium at ${path}: run \`node services/web/scripts/ensure-chromium.mjs\` as root (it installs Debian's chromium), or set CHROMIUM_PATH`;
  }
};

export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--lang=zh-CN",
];

export interface TestBrowser {
  readonly context: BrowserContext;
  /** A new tab (its own sessionStorage, so its own sign-in); with `token`, already signed in. */
  newPage(options?: { viewport?: { width: number; height: number }; token?: string }): Promise<Page>;
  close(): Promise<void>;
}

export const desktop = { width: 1280, height: 800 } as const;
export const phone = { width: 390, height: 844 } as const;

/** Chromium with a fresh profile (`--user-data-dir` in a new temporary folder). */
export const launchBrowser = async (): Promise<TestBrowser> => {
  const profile = mkdtempSync(join(tmpdir(), "duty-ledger-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs,
    viewport: desktop,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  return {
    context,
    async newPage(options = {}) {
      const page = await context.newPage();
      await page.setViewportSize(options.viewport ?? desktop);
      if (options.token !== undefined) {
        await page.addInitScript((token: string) => {
          // Runs in the page, before its scripts: sign in as the page itself would.
          (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem("duty-ledger.token", token);
        }, options.token);
      }
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

/** Waits until the app says the view is loaded (`<html data-ready="true">`). */
export const waitReady = async (page: Page): Promise<void> => {
  await page.waitForSelector("html[data-ready='true']", { timeout: 30_000 });
};

/** Waits until `view` is shown and loaded. */
export const waitView = async (page: Page, view: string): Promise<void> => {
  await page.waitForSelector(`html[data-ready='true'] main[data-view='${view}']`, { timeout: 30_000 });
};

/** Goes to `hash` inside the page and waits until `view` is shown and loaded (`ready`: or `error`). */
export const goHash = async (page: Page, hash: string, view: string, ready: "true" | "error" = "true"): Promise<void> => {
  // The current view's <main> is marked: the next one (a new element) is not.
  await page.evaluate(`document.querySelector("main")?.setAttribute("data-stale", "1"); location.hash = ${JSON.stringify(hash)};`);
  await page.waitForSelector(`html[data-ready='${ready}'] main[data-view='${view}']:not([data-stale])`, { timeout: 30_000 });
};
