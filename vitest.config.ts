import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests run on source: each workspace package resolves to its src/index.ts.
const root = fileURLToPath(new URL(".", import.meta.url));
const alias = Object.fromEntries(
  ["packages", "services"].flatMap((dir) =>
    readdirSync(`${root}${dir}`).map((name) => [`@duty-ledger/${name}`, `${root}${dir}/${name}/src/index.ts`]),
  ),
);

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["{packages,services}/*/src/**/*.unit.test.ts"] } },
      { resolve: { alias }, test: { name: "int", include: ["{packages,services}/*/src/**/*.int.test.ts"], testTimeout: 60_000, hookTimeout: 120_000 } },
      { resolve: { alias }, test: { name: "e2e", include: ["{packages,services}/*/src/**/*.e2e.test.ts"], testTimeout: 120_000, hookTimeout: 180_000 } },
    ],
  },
});
