import type { Express, Router } from "express";

interface Layer {
  readonly route?: { readonly path: string; readonly methods: Readonly<Record<string, boolean>> };
  readonly handle?: { readonly stack?: readonly Layer[] };
}

const routesOfStack = (stack: readonly Layer[]): string[] =>
  stack.flatMap((layer) => {
    if (layer.route !== undefined) {
      const path = layer.route.path;
      return Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${path}`);
    }
    // A router mounted with `use` (at the root: this app mounts its routers without a path).
    return layer.handle?.stack === undefined ? [] : routesOfStack(layer.handle.stack);
  });

/**
 * `METHOD path` of every route an Express app or router serves, the routers it mounts
 * included, each path as mounted (`/v1/events\\:void`): what the OpenAPI contract test
 * compares the document with, so that a route added without its description fails it.
 */
export const servedRoutesOf = (app: Express | Router): string[] => {
  const router = (app as { router?: { stack?: readonly Layer[] } }).router ?? (app as unknown as { stack?: readonly Layer[] });
  return routesOfStack(router.stack ?? []);
};
