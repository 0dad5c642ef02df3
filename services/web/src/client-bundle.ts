import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import vue from "@vitejs/plugin-vue";
import { build, type Rollup } from "vite";
import type { ClientBundle } from "./client-bundle-types.js";
import { rankingChunkGroups } from "./client-chunks.js";
import { keepPrebuiltClient, prebuiltDirOf, readPrebuiltClient } from "./prebuilt-client.js";
import { createStaticAsset, type StaticAsset } from "./static-asset.js";

/**
 * The page's client, built in memory by Vite (Rolldown) with the Vue plugin: the app under
 * `src/client/` (entry `main.ts`, single-file components compiled at build, so the page runs
 * Vue's runtime-only build: no template compiler, no eval). Code that only some views need
 * (the chart, the spreadsheet export) is split into chunks loaded when shown. Every output
 * file is named by its content hash, so it can be cached for good; the files are compressed
 * once, here.
 */

export type { ClientBundle, ClientBundleStats } from "./client-bundle-types.js";

export interface BundleClientOptions {
  /** The client's sources (default: this package's `src/client`). */
  readonly clientDir?: string;
  /** Minify (default true). */
  readonly minify?: boolean;
  /**
   * Serve the bundle `pnpm build` wrote to `dist/client` when it matches the sources (default
   * true; see `prebuilt-client.ts`); false: always build.
   */
  readonly prebuilt?: boolean;
}

/** `src/client` of this package, whether this module runs from `src/` (tsx, vitest) or from `dist/` (node). */
export const defaultClientDir = (): string => {
  const here = dirname(fileURLToPath(import.meta.url));
  const packageRoot = dirname(here);
  return join(packageRoot, "src", "client");
};

const contentTypes: Readonly<Record<string, string>> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

const contentTypeOf = (name: string): string => {
  const dot = name.lastIndexOf(".");
  return contentTypes[dot < 0 ? "" : name.slice(dot)] ?? "application/octet-stream";
};

/** Compile-time flags of Vue and vue-i18n: production, no devtools, no Options API, the composition API of vue-i18n. */
const flags: Readonly<Record<string, string>> = {
  "process.env.NODE_ENV": '"production"',
  __VUE_OPTIONS_API__: "false",
  __VUE_PROD_DEVTOOLS__: "false",
  __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
  __VUE_I18N_FULL_INSTALL__: "false",
  __VUE_I18N_LEGACY_API__: "false",
  __INTLIFY_PROD_DEVTOOLS__: "false",
  __INTLIFY_DROP_MESSAGE_COMPILER__: "true",
};

/** This module and the chunking it uses, as they run (from `src/` or `dist/`): a change to either is a new bundle. */
const bundlerSources = (): string[] => {
  const here = fileURLToPath(import.meta.url);
  const extension = here.endsWith(".ts") ? ".ts" : ".js";
  return [here, join(dirname(here), `client-chunks${extension}`)].filter((file) => existsSync(file));
};

const outputsOf = (result: Awaited<ReturnType<typeof build>>): Rollup.OutputBundle[number][] => {
  const list = Array.isArray(result) ? result : [result];
  return list.flatMap((r) => ("output" in r ? r.output : []));
};

export const bundleClient = async (options: BundleClientOptions = {}): Promise<ClientBundle> => {
  const clientDir = options.clientDir ?? defaultClientDir();
  const entry = join(clientDir, "main.ts");
  if (options.prebuilt !== false && options.minify !== false) {
    const prebuilt = readPrebuiltClient(prebuiltDirOf(clientDir));
    if (prebuilt !== null) return prebuilt;
  }
  if (!existsSync(entry)) throw new Error(`the web client's sources are missing: ${entry}`);
  const started = performance.now();
  const startedAt = Date.now();
  const result = await build({
    configFile: false,
    envFile: false,
    root: clientDir,
    base: "/assets/",
    mode: "production",
    logLevel: "silent",
    clearScreen: false,
    publicDir: false,
    plugins: [vue()],
    define: flags,
    // Workspace packages from their sources (the client imports `@duty-ledger/domain/vocabulary`
    // and `@duty-ledger/scoring/indicator-keys`, dependency-free modules; types only otherwise).
    resolve: { conditions: ["source", "module", "browser", "production", "import", "default"] },
    build: {
      write: false,
      outDir: join(clientDir, "..", "..", "dist", "client"),
      emptyOutDir: false,
      assetsDir: "",
      minify: options.minify ?? true,
      cssMinify: options.minify ?? true,
      sourcemap: false,
      reportCompressedSize: false,
      copyPublicDir: false,
      // The page's modules load in browsers with native modulepreload; no polyfill (it would be inline-free anyway).
      modulePreload: { polyfill: false },
      target: ["es2022", "chrome100", "safari15", "firefox100"],
      chunkSizeWarningLimit: 2048,
      rollupOptions: {
        input: { app: entry },
        output: {
          entryFileNames: "app-[hash].js",
          chunkFileNames: "chunk-[hash].js",
          assetFileNames: "[name]-[hash][extname]",
          // The ranking's first load in a few files (`client-chunks.ts`); the rest as the bundler cuts it.
          codeSplitting: { groups: rankingChunkGroups() },
        },
      },
    },
  });
  const outputs = outputsOf(result);
  const assets = new Map<string, StaticAsset>(
    await Promise.all(
      outputs.map(async (file) => {
        const body = file.type === "chunk" ? Buffer.from(file.code, "utf8") : Buffer.from(file.source);
        return [file.fileName, await createStaticAsset(contentTypeOf(file.fileName), body, true)] as const;
      }),
    ),
  );
  const entryChunk = outputs.find((file): file is Rollup.OutputChunk => file.type === "chunk" && file.isEntry);
  if (entryChunk === undefined) throw new Error("the web client's bundle has no entry script");
  const css = [...(entryChunk.viteMetadata?.importedCss ?? [])];
  const style = css[0];
  if (style === undefined || css.length > 1) throw new Error(`the web client's bundle must have one entry style sheet, has ${css.length}`);
  const all = [...assets.values()];
  const sources = outputs.flatMap((file) => (file.type === "chunk" ? file.moduleIds : [])).filter((id) => isAbsolute(id) && !id.includes("/node_modules/"));
  const lockfile = join(clientDir, "..", "..", "..", "..", "pnpm-lock.yaml");
  const bundle: ClientBundle = {
    assets,
    script: entryChunk.fileName,
    style,
    preload: entryChunk.imports,
    // The sources, the lockfile and how they are bundled (this module and `client-chunks.ts`).
    inputs: [...new Set(sources.map((id) => id.replace(/\?.*$/, ""))), ...(existsSync(lockfile) ? [lockfile] : []), ...bundlerSources()],
    stats: {
      files: all.length,
      bytes: all.reduce((sum, a) => sum + a.body.byteLength, 0),
      brotliBytes: all.reduce((sum, a) => sum + (a.brotli ?? a.body).byteLength, 0),
      buildMs: Math.round(performance.now() - started),
    },
  };
  // The next server start (or the next browser test file) reads it instead of building again,
  // unless a source changed while it was built (its hash would then not be what was built).
  const unchanged = bundle.inputs.every((input) => !existsSync(input) || statSync(input).mtimeMs < startedAt);
  if (options.prebuilt !== false && options.minify !== false && unchanged) keepPrebuiltClient(bundle, prebuiltDirOf(clientDir));
  return bundle;
};
