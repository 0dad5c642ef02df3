import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { createStaticAsset, type StaticAsset } from "./static-asset.js";

/**
 * The page's client, bundled in memory by esbuild: the TypeScript under `src/client/` (one
 * ES module entry, `app`, whose chart code is split into a chunk loaded only when a chart is
 * shown) and the style sheet. Every output file is named by its content hash, so it can be
 * cached for good; the files are compressed once, here.
 */

export interface ClientBundle {
  /** Output files by name (`app-<hash>.js`, `chunk-<hash>.js`, `style-<hash>.css`). */
  readonly assets: ReadonlyMap<string, StaticAsset>;
  /** The entry script's file name. */
  readonly script: string;
  /** The style sheet's file name. */
  readonly style: string;
  /** Chunks the entry imports statically (to preload). */
  readonly preload: readonly string[];
  readonly stats: ClientBundleStats;
}

export interface ClientBundleStats {
  readonly files: number;
  readonly bytes: number;
  readonly brotliBytes: number;
  readonly buildMs: number;
}

export interface BundleClientOptions {
  /** The client's sources (default: this package's `src/client`). */
  readonly clientDir?: string;
  /** Minify (default true). */
  readonly minify?: boolean;
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
};

const contentTypeOf = (name: string): string => {
  const dot = name.lastIndexOf(".");
  return contentTypes[dot < 0 ? "" : name.slice(dot)] ?? "application/octet-stream";
};

export const bundleClient = async (options: BundleClientOptions = {}): Promise<ClientBundle> => {
  const clientDir = options.clientDir ?? defaultClientDir();
  const entry = join(clientDir, "main.ts");
  const styles = join(clientDir, "styles.css");
  if (!existsSync(entry)) throw new Error(`the web client's sources are missing: ${entry}`);
  const outdir = join(clientDir, "..", "..", "dist", "client");
  const started = performance.now();
  const result = await build({
    entryPoints: { app: entry, style: styles },
    bundle: true,
    format: "esm",
    splitting: true,
    minify: options.minify ?? true,
    write: false,
    metafile: true,
    outdir,
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    assetNames: "asset-[hash]",
    target: ["es2022", "chrome100", "safari15", "firefox100"],
    define: { "process.env.NODE_ENV": '"production"' },
    // Workspace packages from their sources (the client imports `@duty-ledger/domain/vocabulary`
    // and `@duty-ledger/scoring/indicator-keys`, dependency-free modules; types only otherwise).
    conditions: ["source"],
    legalComments: "eof",
    logLevel: "silent",
  });
  const assets = new Map<string, StaticAsset>(
    await Promise.all(
      result.outputFiles.map(async (file) => {
        const name = basename(file.path);
        return [name, await createStaticAsset(contentTypeOf(name), Buffer.from(file.contents), true)] as const;
      }),
    ),
  );
  let script: string | undefined;
  let style: string | undefined;
  let preload: string[] = [];
  for (const [path, output] of Object.entries(result.metafile.outputs)) {
    if (output.entryPoint === undefined) continue;
    const name = basename(path);
    if (name.endsWith(".js") && output.entryPoint.endsWith("main.ts")) {
      script = name;
      preload = output.imports.filter((i) => i.kind === "import-statement").map((i) => basename(i.path));
    }
    if (name.endsWith(".css")) style = name;
  }
  if (script === undefined || style === undefined) throw new Error("the web client's bundle has no entry script or style sheet");
  const all = [...assets.values()];
  return {
    assets,
    script,
    style,
    preload,
    stats: {
      files: all.length,
      bytes: all.reduce((sum, a) => sum + a.body.byteLength, 0),
      brotliBytes: all.reduce((sum, a) => sum + (a.brotli ?? a.body).byteLength, 0),
      buildMs: Math.round(performance.now() - started),
    },
  };
};
