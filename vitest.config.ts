import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests run on source: every entry of a workspace package's `exports` resolves to its
// `source` file (e.g. `@duty-ledger/testing/bench` -> packages/testing/src/bench.ts).
const root = fileURLToPath(new URL(".", import.meta.url));
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const alias: { find: RegExp; replacement: string }[] = ["packages", "services"].flatMap((dir) =>
  readdirSync(`${root}${dir}`)
    .filter((name) => existsSync(`${root}${dir}/${name}/package.json`))
    .flatMap((name) => {
      const manifest = JSON.parse(readFileSync(`${root}${dir}/${name}/package.json`, "utf8")) as {
        name: string;
        exports?: Record<string, { source?: string }>;
      };
      return Object.entries(manifest.exports ?? {}).flatMap(([subpath, target]) =>
        target.source === undefined
          ? []
          : [{ find: new RegExp(`^${escape(manifest.name + subpath.slice(1))}$`), replacement: `${root}${dir}/${name}/${target.source.slice(2)}` }],
      );
    }),
);

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      // Unit tests share their workers' module cache (`isolate: false`): pure code without module-level
      // state (no module-level singletons, a house rule), so 102 files take 28 s instead of 97 s, most of
      // which was importing the same modules again for every file.
      { resolve: { alias }, test: { name: "unit", include: ["{packages,services}/*/{src,bench}/**/*.unit.test.ts"], isolate: false } },
      // Integration tests too: each starts and closes its own servers, stores and folders, and the 93
      // files pass in one shared module cache (285 s, of which 10 s importing).
      { resolve: { alias }, test: { name: "int", include: ["{packages,services}/*/{src,bench}/**/*.int.test.ts"], testTimeout: 60_000, hookTimeout: 120_000, isolate: false } },
      { resolve: { alias }, test: { name: "e2e", include: ["{packages,services}/*/src/**/*.e2e.test.ts"], testTimeout: 120_000, hookTimeout: 180_000 } },
    ],
  },
});
