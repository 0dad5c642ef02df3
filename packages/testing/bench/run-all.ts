/**
 * `pnpm bench [filter…]`: finds every `packages/<pkg>/bench/*.bench.ts` and
 * `services/<svc>/bench/*.bench.ts`, and runs each in its own child process (tsx with the
 * `source` condition), one after the other, streaming its output. A filter keeps the files
 * whose repo-relative path contains it (case-insensitive), e.g. `pnpm bench store`. Soak files
 * (`*.soak.bench.ts`) run only when a filter names "soak": `pnpm bench:soak`.
 * Exits non-zero when a bench file crashes; a missed goal is a result, not a failure.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const WORKSPACE_DIRS = ["packages", "services"] as const;

function findBenchFiles(root: string): string[] {
  const files: string[] = [];
  for (const top of WORKSPACE_DIRS) {
    const topDir = join(root, top);
    if (!existsSync(topDir)) continue;
    for (const entry of readdirSync(topDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const benchDir = join(topDir, entry.name, "bench");
      if (!existsSync(benchDir)) continue;
      for (const file of readdirSync(benchDir, { withFileTypes: true })) {
        if (file.isFile() && file.name.endsWith(".bench.ts")) files.push(join(benchDir, file.name));
      }
    }
  }
  return files.sort();
}

/** Soak runs (`*.soak.bench.ts`) take minutes: they run only when a filter names "soak" (`pnpm bench:soak`). */
const isSoak = (path: string): boolean => path.endsWith(".soak.bench.ts");

function matchesFilters(relativePath: string, filters: readonly string[]): boolean {
  const asked = filters.map((filter) => filter.toLowerCase());
  if (isSoak(relativePath) && !asked.some((filter) => filter.includes("soak"))) return false;
  if (asked.length === 0) return true;
  const path = relativePath.toLowerCase();
  return asked.some((filter) => path.includes(filter));
}

function runFile(tsxCli: string, file: string, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsxCli, "--conditions=source", file], { cwd, stdio: "inherit", env: process.env });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal === null ? 1 : 128));
    });
  });
}

async function main(): Promise<number> {
  const root = fileURLToPath(new URL("../../../", import.meta.url));
  const filters = process.argv.slice(2).filter((arg) => arg !== "--");
  const all = findBenchFiles(root);
  const selected = all.filter((file) => matchesFilters(relative(root, file), filters));
  if (selected.length === 0) {
    console.error(`bench: no bench file matches ${filters.map((f) => `"${f}"`).join(", ")}. Available:`);
    for (const file of all) console.error(`  ${relative(root, file)}`);
    return 1;
  }
  const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
  console.log(`bench: ${selected.length} file(s), node ${process.version}, ${process.platform}/${process.arch}`);
  const outcomes: { file: string; code: number; seconds: number }[] = [];
  for (const file of selected) {
    const name = relative(root, file);
    console.log(`\n=== ${name} ===`);
    const start = performance.now();
    const code = await runFile(tsxCli, file, root);
    outcomes.push({ file: name, code, seconds: (performance.now() - start) / 1000 });
  }
  console.log("\nbench summary:");
  for (const o of outcomes) console.log(`  ${o.code === 0 ? "ok    " : `FAILED (exit ${o.code})`}  ${o.file}  ${o.seconds.toFixed(1)} s`);
  return outcomes.some((o) => o.code !== 0) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
