// Headless Chromium for the web page's browser tests (excluded from the build).
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";

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

/**
 * The guard at the top of every browser test file: why Chromium is missing, or null. Missing
 * under CI=true is a failure (the project's set-up installs it); elsewhere a printed skip.
 */
export const chromiumForTests = (): string | null => {
  const missing = chromiumMissingReason();
  if (missing !== null && process.env["CI"] === "true") throw new Error(`[web e2e] Chromium is required in CI: ${missing}`);
  if (missing !== null) console.warn(`[web e2e] SKIPPED: ${missing}`);
  return missing;
};

/** Where screenshots go: docs/screenshots with UPDATE_SCREENSHOTS=1, else a new temporary folder. */
export const screenshotDirectory = (): string =>
  process.env["UPDATE_SCREENSHOTS"] === "1" ? fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url)) : mkdtempSync(join(tmpdir(), "duty-ledger-shots-"));

/** A screenshot of the viewport as `<dir>/<name>.png`, from the top of the page unless `scrolled`. */
export const screenshot = async (dir: string, page: Page, name: string, scrolled = false): Promise<void> => {
  mkdirSync(dir, { recursive: true });
  if (!scrolled) await page.evaluate("window.scrollTo(0, 0)");
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
};

/** The text of every element `selector` matches. */
export const texts = (page: Page, selector: string): Promise<string[]> => page.locator(selector).allTextContents();

/** Attribute `name` of every element `selector` matches. */
export const attributes = (page: Page, selector: string, name: string): Promise<(string | null)[]> =>
  page.locator(selector).evaluateAll((els, attr) => els.map((el) => (el as unknown as { getAttribute(n: string): string | null }).getAttribute(attr)), name);

/** Tabs that record what went wrong in them, for a test to assert there was nothing. */
export interface WatchedPages {
  /** A new tab of the browser (see `TestBrowser.newPage`), watched. */
  open(options?: Parameters<TestBrowser["newPage"]>[0]): Promise<Page>;
  /** Uncaught errors of the page's scripts. */
  readonly pageErrors: string[];
  /** Console errors of resources or scripts the page's Content Security Policy refused. */
  readonly policyViolations: string[];
}

/** `browser` is read when a tab is opened (test files launch it in `beforeAll`). */
export const watchPages = (browser: () => TestBrowser): WatchedPages => {
  const pageErrors: string[] = [];
  const policyViolations: string[] = [];
  return {
    pageErrors,
    policyViolations,
    async open(options = {}) {
      const page = await browser().newPage(options);
      // Every refusal of the policy, also those the console does not report (e.g. a style attribute set by markup).
      await page.addInitScript(() => {
        const doc = (globalThis as unknown as { document: { addEventListener(type: string, listener: (event: { violatedDirective: string; blockedURI: string; sourceFile: string; lineNumber: number }) => void): void } }).document;
        doc.addEventListener("securitypolicyviolation", (event) => {
          console.error(`Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
        });
      });
      page.on("pageerror", (error) => pageErrors.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) policyViolations.push(message.text());
      });
      return page;
    },
  };
};

/**
 * Opens `hash` in `page` (made at phone width), waits for `view`, screenshots it as `shot` and
 * closes the page: how far the page is wider than the screen (≤ 0 when it fits).
 */
export const phoneOverflow = async (page: Page, url: string, view: string, dir: string, shot: string): Promise<number> => {
  await page.goto(url);
  await waitView(page, view);
  const overflow = Number(await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"));
  await screenshot(dir, page, shot);
  await page.close();
  return overflow;
};

/** Polls longer than the default second: the machine running the browser tests is shared and often loaded. */
export const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

/** The Element Plus form item of `field` in the form marked `data-form="form"`. */
export const formItem = (page: Page, form: string, field: string): Locator => page.locator(`[data-form='${form}'] .el-form-item[data-field='${field}']`);

/** The error Element Plus shows at that form item. */
export const fieldError = (page: Page, form: string, field: string): Locator => formItem(page, form, field).locator(".el-form-item__error");

/** Types `value` into the item's input (or textarea) and leaves it, as a user does. */
export const fillField = async (page: Page, form: string, field: string, value: string): Promise<void> => {
  const box = formItem(page, form, field).locator("input, textarea").first();
  await box.fill(value);
  await box.press("Tab");
};

/** Sends the form with its submit button. */
export const submitForm = (page: Page, form: string): Promise<void> => page.click(`[data-form='${form}'] button[type='submit']`);
