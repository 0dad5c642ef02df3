import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { ClientBundle } from "./client-bundle-types.js";
import { contentHash, type StaticAsset } from "./static-asset.js";

/**
 * The client bundle written to disk by `pnpm build` (`dist/client/`: every file, its brotli
 * and gzip forms, and `bundle.json`), so a server starts without building it (a Vite build
 * takes 4–10 s on this machine, brotli 11 of the chart another second). It is served only while
 * it matches what it was built from: the hash of each source file the build read and of the
 * lockfile are recorded, and one changed, gone or unreadable file makes the server build in
 * memory as before. A server that had to build keeps what it built there too.
 */

/** Version 2: the inputs include the bundler's own modules (`client-bundle`, `client-chunks`). */
interface Manifest {
  readonly version: 2;
  readonly script: string;
  readonly style: string;
  readonly preload: readonly string[];
  readonly files: readonly { readonly name: string; readonly contentType: string; readonly brotli: boolean; readonly gzip: boolean }[];
  /** Source files (relative to the manifest's folder) → sha-256 of their content. */
  readonly inputs: Readonly<Record<string, string>>;
}

const MANIFEST = "bundle.json";

const fileHash = (path: string): string | null => {
  try {
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  } catch {
    return null;
  }
};

/** The files, their compressed forms and the manifest of `bundle` into `tmp` (to become `dir`). */
const writeInto = (bundle: ClientBundle, tmp: string, dir: string, inputs: readonly string[]): void => {
  mkdirSync(tmp, { recursive: true });
  const files: Manifest["files"][number][] = [];
  for (const [name, asset] of bundle.assets) {
    writeFileSync(join(tmp, name), asset.body);
    if (asset.brotli !== null) writeFileSync(join(tmp, `${name}.br`), asset.brotli);
    if (asset.gzip !== null) writeFileSync(join(tmp, `${name}.gz`), asset.gzip);
    files.push({ name, contentType: asset.contentType, brotli: asset.brotli !== null, gzip: asset.gzip !== null });
  }
  const hashes: Record<string, string> = {};
  for (const input of inputs) {
    const hash = fileHash(input);
    if (hash !== null) hashes[relative(dir, input)] = hash;
  }
  const manifest: Manifest = { version: 2, script: bundle.script, style: bundle.style, preload: bundle.preload, files, inputs: hashes };
  writeFileSync(join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
};

/**
 * Writes `bundle` to `dir` (replacing it); `inputs` are the absolute paths of what it was built
 * from. The files are written to a new folder beside it, which then takes `dir`'s place, so a
 * reader sees the old bundle whole, the new one whole, or none (and builds).
 */
export const writePrebuiltClient = (bundle: ClientBundle, dir: string, inputs: readonly string[]): void => {
  const tmp = `${dir}.${process.pid}-${Date.now()}.tmp`;
  try {
    writeInto(bundle, tmp, dir, inputs);
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } finally {
    // Another process may have put its bundle in place meanwhile (then this one is not needed).
    rmSync(tmp, { recursive: true, force: true });
  }
};


/** `writePrebuiltClient`, for a bundle just built in memory: kept for the next start (or test file) when the folder can be written, else not. */
export const keepPrebuiltClient = (bundle: ClientBundle, dir: string): boolean => {
  try {
    writePrebuiltClient(bundle, dir, bundle.inputs);
    return true;
  } catch {
    return false;
  }
};

/** The bundle in `dir`, or null when there is none or any of its sources changed since. */
export const readPrebuiltClient = (dir: string): ClientBundle | null => {
  const started = performance.now();
  const manifestPath = join(dir, MANIFEST);
  if (!existsSync(manifestPath)) return null;
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
    if (manifest.version !== 2) return null;
    for (const [input, hash] of Object.entries(manifest.inputs)) if (fileHash(resolve(dir, input)) !== hash) return null;
    const assets = new Map<string, StaticAsset>();
    for (const file of manifest.files) {
      const body = readFileSync(join(dir, file.name));
      assets.set(file.name, {
        contentType: file.contentType,
        body,
        brotli: file.brotli ? readFileSync(join(dir, `${file.name}.br`)) : null,
        gzip: file.gzip ? readFileSync(join(dir, `${file.name}.gz`)) : null,
        etag: `"${contentHash(body)}"`,
        immutable: true,
      });
    }
    const all = [...assets.values()];
    return {
      assets,
      script: manifest.script,
      style: manifest.style,
      preload: manifest.preload,
      inputs: Object.keys(manifest.inputs).map((input) => resolve(dir, input)),
      stats: {
        files: all.length,
        bytes: all.reduce((sum, a) => sum + a.body.byteLength, 0),
        brotliBytes: all.reduce((sum, a) => sum + (a.brotli ?? a.body).byteLength, 0),
        buildMs: Math.round(performance.now() - started),
      },
    };
  } catch {
    return null;
  }
};

/** `dist/client` beside `src/client`. */
export const prebuiltDirOf = (clientDir: string): string => join(dirname(dirname(clientDir)), "dist", "client");
