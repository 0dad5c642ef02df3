import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Rules of the source tree that no compiler checks: no import circles, small files, and voiding
 * kept in its homes. Every non-test source file of `packages/*\/src` and `services/*\/src` is read;
 * imports are resolved as the build resolves them (relative `.js` to `.ts`, a workspace package's
 * `exports` to its `source` file).
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

const isTest = (path: string): boolean => /\.(unit|int|e2e)\.test\.ts$|\.test-support\.ts$/.test(path);

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") && !isTest(path) ? [path] : [];
  });

const workspaceDirs = ["packages", "services"].flatMap((top) =>
  readdirSync(join(root, top))
    .map((name) => join(root, top, name))
    .filter((dir) => existsSync(join(dir, "package.json"))),
);

/** `@duty-ledger/x[/sub]` -> the source file its `exports` name. */
const workspaceEntries = new Map<string, string>(
  workspaceDirs.flatMap((dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; exports?: Record<string, { source?: string }> };
    return Object.entries(manifest.exports ?? {}).flatMap(([subpath, target]) =>
      target.source === undefined ? [] : [[manifest.name + subpath.slice(1), resolve(dir, target.source)] as const],
    );
  }),
);

const files = workspaceDirs.flatMap((dir) => (existsSync(join(dir, "src")) ? sourceFiles(join(dir, "src")) : []));

const resolveImport = (from: string, specifier: string): string | undefined => {
  if (specifier.startsWith(".")) {
    const base = resolve(dirname(from), specifier).replace(/\.js$/, "");
    return [`${base}.ts`, join(base, "index.ts")].find((candidate) => existsSync(candidate));
  }
  return workspaceEntries.get(specifier);
};

/** Every module a file imports (type-only imports too: they are edges of the design). */
const importsOf = (path: string): string[] => {
  const text = readFileSync(path, "utf8");
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1] ?? m[2] ?? "");
  return [...new Set(specifiers.flatMap((specifier) => resolveImport(path, specifier) ?? []))];
};

/** The strongly connected components of more than one file (Tarjan). */
const circles = (graph: ReadonlyMap<string, readonly string[]>): string[][] => {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indexOf.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, indexOf.get(next) as number));
      }
    }
    if (low.get(node) !== indexOf.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.map((path) => relative(root, path)).sort());
  };
  for (const node of graph.keys()) if (!indexOf.has(node)) visit(node);
  return found;
};

/** Files allowed over 500 lines: tables of strings, the conformance suite every adapter runs, and the page's API types (generated). */
const longFilesAllowed = new Set(["services/web/src/client/i18n.ts", "packages/testing/src/event-store-conformance.ts", "services/web/src/client/api-schema.ts"]);

/** Where the voiding event may be named: its definition and the deciders' fold; everything else asks `isVoiding`. */
const voidingHomes = new Set(["packages/domain/src/events/voiding-events.ts", "packages/domain/src/voiding.ts"]);

describe("the source tree", () => {
  it("reads every workspace's sources", () => {
    expect(files.length).toBeGreaterThan(150);
  });

  it("has no import circles", () => {
    const graph = new Map(files.map((path) => [path, importsOf(path)] as const));
    expect(circles(graph)).toEqual([]);
  });

  it("finds a circle when there is one (the check itself)", () => {
    const graph = new Map([
      [join(root, "a.ts"), [join(root, "b.ts")]],
      [join(root, "b.ts"), [join(root, "c.ts")]],
      [join(root, "c.ts"), [join(root, "a.ts")]],
      [join(root, "d.ts"), [join(root, "a.ts")]],
    ]);
    expect(circles(graph)).toEqual([["a.ts", "b.ts", "c.ts"]]);
  });

  it("has no source file over 500 lines, string tables and the conformance suite aside", () => {
    const long = files
      .map((path) => ({ path: relative(root, path), lines: readFileSync(path, "utf8").split("\n").length }))
      .filter(({ path, lines }) => lines > 500 && !longFilesAllowed.has(path));
    expect(long).toEqual([]);
  });

  it("names the voiding event only in its homes: deciders and projections never see it", () => {
    const naming = files.map((path) => relative(root, path)).filter((path) => readFileSync(join(root, path), "utf8").includes("EventVoided"));
    expect(naming.filter((path) => !voidingHomes.has(path))).toEqual([]);
  });
});
