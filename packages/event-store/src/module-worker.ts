import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * Starts a worker thread on the module `name` next to `base` (an `import.meta.url`): the
 * built `.js` file, or — when running on source (`.ts`, under tsx or vitest) — the `.ts` file
 * through a one-line bootstrap registering tsx in the worker (Node 20 does not carry the
 * parent's module hooks into worker threads), resolving the workspace's packages to their
 * sources (`--conditions=source`) as the parent does, so it starts where nothing is built.
 */
export function startModuleWorker(base: string, name: string, options: Omit<WorkerOptions, "eval"> = {}): Worker {
  if (!base.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, base), options);
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL(`./${name}.ts`, base).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true, execArgv: [...(options.execArgv ?? []), "--conditions=source"] });
}
