import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The source-tree rules of the repository (packages/testing's source-tree test: no import
 * circles, no file over 500 lines) for what that test does not read: the page's single-file
 * components (`.vue`) and the client's imports through them.
 */

const clientDir = resolve(dirname(fileURLToPath(import.meta.url)), "client");

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(ts|vue)$/.test(path) && !path.endsWith(".d.ts") ? [path] : [];
  });

const files = filesUnder(clientDir);

/** Relative imports of a file (static, dynamic, type-only), resolved to `.ts` or `.vue` files. */
const importsOf = (path: string): string[] => {
  const text = readFileSync(path, "utf8");
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1] ?? m[2] ?? "");
  return specifiers
    .filter((specifier) => specifier.startsWith("."))
    .flatMap((specifier) => {
      const base = resolve(dirname(path), specifier);
      const candidates = base.endsWith(".vue") ? [base] : [base.replace(/\.js$/, ".ts"), join(base, "index.ts")];
      return candidates.filter((candidate) => existsSync(candidate)).slice(0, 1);
    });
};

/** A cycle reachable in `graph`, or null (depth-first search with colours). */
const findCycle = (graph: ReadonlyMap<string, readonly string[]>): string[] | null => {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, "open");
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") return [...path.slice(path.indexOf(next)), next];
      if (state.get(next) === undefined) {
        const found = visit(next);
        if (found !== null) return found;
      }
    }
    path.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of graph.keys()) {
    if (state.get(node) !== undefined) continue;
    const found = visit(node);
    if (found !== null) return found.map((file) => relative(clientDir, file));
  }
  return null;
};

describe("the page's client sources, components included", () => {
  it("has single-file components to check", () => {
    expect(files.filter((path) => path.endsWith(".vue")).length).toBeGreaterThan(0);
  });

  it("has no component over 500 lines", () => {
    const long = files.filter((path) => path.endsWith(".vue") && readFileSync(path, "utf8").split("\n").length > 500);
    expect(long.map((path) => relative(clientDir, path))).toEqual([]);
  });

  it("has no import circle through a component", () => {
    expect(findCycle(new Map(files.map((path) => [path, importsOf(path)] as const)))).toBeNull();
  });

  it("finds a circle when there is one (the check itself)", () => {
    const a = join(clientDir, "a.vue");
    const b = join(clientDir, "b.ts");
    expect(findCycle(new Map([[join(clientDir, "c.ts"), [a]], [a, [b]], [b, [a]]]))).toEqual(["a.vue", "b.ts", "a.vue"]);
  });
});
