import type { Rolldown } from "vite";

/**
 * How the client's code is cut into files, for the ranking's first load (办理评分: the office's
 * and the auditor's first page, issue 21's budget). Left to itself the bundler cuts a file for
 * every set of pages sharing a module, so the ranking's first load fetched some 40 small files.
 * Groups, each module in the first that takes it (the others are cut by the bundler):
 *
 * - `shell`: the libraries the entry imports (Vue, vue-i18n, Element Plus's configuration),
 *   in the entry's own file;
 * - `ui-base`: Element Plus's shared internals (hooks, utils, tokens, the icon and focus trap)
 *   and the small libraries they use (lodash, VueUse, floating-ui, popper);
 * - `scores-page`: the ranking's page (`pages/ScoresPage.vue`, which asks the API for the
 *   ranking while the rest loads) and the ranking's modules it imports;
 * - `scores-table`, `scores-ui`: the Element Plus components the ranking's view uses (known by
 *   the style sheets it imports), JS and CSS: the table apart, so a page with a select and no
 *   table does not load the table;
 * - `scores`: the ranking's own components (`pages/scores/ScoresView.vue`, `ScoresDrill.vue`).
 *
 * Only the ranking's own modules (`pages/ScoresPage.vue`, `pages/scores/`) go to its files: a
 * module other pages import too (a formatter, `UnitLabel`) would make them load the ranking's
 * files, and through them the table. The heat map, the as-of picker and the spreadsheet export
 * stay loaded when used.
 */

const ENTRY = /[\\/]client[\\/]main\.ts$/;
const RANKING_PAGE = /[\\/]pages[\\/]ScoresPage\.vue$/;
const RANKING_VIEW = /[\\/]pages[\\/]scores[\\/]ScoresView\.vue$/;
/** The ranking's own modules: the page and `pages/scores/`. */
const RANKING_OWN = /[\\/]pages[\\/](?:ScoresPage\.vue|scores[\\/])/;
const ELEMENT_STYLE = /[\\/]element-plus[\\/]es[\\/]components[\\/]([\w-]+)[\\/]style[\\/]css\.mjs$/;
/** Element Plus's shared internals and the small libraries its components use (not a component, not dayjs: the date picker's). */
const ELEMENT_BASE =
  /[\\/]node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?(?:element-plus[\\/]es[\\/](?:hooks|utils|constants|tokens|locale|directives|make-installer|version)[\\/.]|element-plus[\\/]es[\\/]components[\\/](?:icon|focus-trap)[\\/]|lodash-es|lodash-unified|@vueuse|@floating-ui|@sxzz[\\/]popperjs-es|@ctrl|memoize-one|normalize-wheel-es|@element-plus[\\/]icons-vue)/;
const ELEMENT_COMPONENT = /[\\/]element-plus[\\/](?:es[\\/]components[\\/]([\w-]+)[\\/]|theme-chalk[\\/]el-([\w-]+)\.css$)/;

/** The table (what it embeds, a checkbox, a tag, a tooltip, others use too): apart, so a page with a select and no table does not load it. */
const TABLE_PARTS: ReadonlySet<string> = new Set(["table", "table-column"]);

/** Every module `root` imports statically, directly or not (itself included). */
const staticClosure = (root: string, context: Rolldown.ChunkingContext, stop: ReadonlySet<string>): Set<string> => {
  const seen = new Set<string>();
  const queue = [root];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (seen.has(id) || stop.has(id)) continue;
    seen.add(id);
    queue.push(...(context.getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
};

const isLibrary = (id: string): boolean => /[\\/]node_modules[\\/]/.test(id);

type ChunkName = "ui-base" | "scores-page" | "scores-table" | "scores-ui" | "scores";

/** The chunk a module goes into, or undefined (the bundler's choice); the graph is read once, on the first call of a build. */
const createPlan = (): ((id: string, context: Rolldown.ChunkingContext) => ChunkName | undefined) => {
  let chunks: Map<string, ChunkName> | null = null;
  const plan = (anyId: string, context: Rolldown.ChunkingContext): Map<string, ChunkName> => {
    // Every module connected to the one asked about, to find the entry and the ranking's files.
    const all = new Set<string>();
    const queue = [anyId];
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
      if (all.has(id)) continue;
      all.add(id);
      const info = context.getModuleInfo(id);
      queue.push(...(info?.importedIds ?? []), ...(info?.dynamicallyImportedIds ?? []), ...(info?.importers ?? []), ...(info?.dynamicImporters ?? []));
    }
    const find = (pattern: RegExp): string | undefined => [...all].find((id) => pattern.test(id));
    const entry = find(ENTRY);
    const page = find(RANKING_PAGE);
    const view = find(RANKING_VIEW);
    const result = new Map<string, ChunkName>();
    if (entry === undefined || page === undefined || view === undefined) return result;
    // What the entry imports statically (through Element Plus's index, its whole package: so only
    // the shell's own modules are left out below, its libraries are taken by `shell` first).
    const shell = staticClosure(entry, context, new Set());
    // Only the ranking's own modules: a module other pages import too (a formatter, `UnitLabel`)
    // stays out, or those pages would load the ranking's files (and the table) with it.
    const pageModules = [...staticClosure(page, context, shell)].filter((id) => RANKING_OWN.test(id));
    for (const id of pageModules) result.set(id, "scores-page");
    const viewModules = staticClosure(view, context, new Set([...shell, ...pageModules]));
    // Element Plus's components the view uses, known by the style sheets it imports (its
    // modules' static imports name every component, through the package's index).
    const components = new Set([...viewModules].flatMap((id) => ELEMENT_STYLE.exec(id)?.[1] ?? []));
    for (const id of all) if (ELEMENT_BASE.test(id)) result.set(id, "ui-base");
    for (const id of all) {
      if (result.has(id) || (shell.has(id) && !isLibrary(id))) continue;
      const match = ELEMENT_COMPONENT.exec(id);
      const component = match?.[1] ?? match?.[2];
      if (component !== undefined && components.has(component)) result.set(id, TABLE_PARTS.has(component) ? "scores-table" : "scores-ui");
      else if (viewModules.has(id) && RANKING_OWN.test(id)) result.set(id, "scores");
    }
    return result;
  };
  return (id, context) => {
    chunks ??= plan(id, context);
    return chunks.get(id);
  };
};

/** The groups for `output.codeSplitting`, one per file, in the order above (a module goes to one group only). */
export const rankingChunkGroups = (): Rolldown.CodeSplittingGroup[] => {
  const chunkOf = createPlan();
  const names: readonly ChunkName[] = ["ui-base", "scores-page", "scores-table", "scores-ui", "scores"];
  // The modules the first script runs (Rolldown's `$initial` tag), with the entry.
  const shell: Rolldown.CodeSplittingGroup = { name: "shell", tags: ["$initial"], priority: names.length + 1, includeDependenciesRecursively: false };
  return [shell, ...names.map((name, index) => ({
    name: (id: string, context: Rolldown.ChunkingContext) => (chunkOf(id, context) === name ? name : null),
    priority: names.length - index,
    // Only the modules named here: their dependencies stay where the bundler puts them (with the shell, mostly).
    includeDependenciesRecursively: false,
  }))];
};
