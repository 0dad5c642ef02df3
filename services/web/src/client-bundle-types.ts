import type { StaticAsset } from "./static-asset.js";

/** What `bundleClient` gives the web app: the built client, served from memory. */
export interface ClientBundle {
  /** Output files by name (`app-<hash>.js`, `chunk-<hash>.js`, `app-<hash>.css`). */
  readonly assets: ReadonlyMap<string, StaticAsset>;
  /** The entry script's file name. */
  readonly script: string;
  /** The style sheet's file name (the entry's CSS; a lazy chunk's CSS is linked when it loads). */
  readonly style: string;
  /** Chunks the entry imports statically (to preload). */
  readonly preload: readonly string[];
  /** The files it was built from (the client's sources, the workspace modules it imports, the lockfile). */
  readonly inputs: readonly string[];
  readonly stats: ClientBundleStats;
}

export interface ClientBundleStats {
  readonly files: number;
  readonly bytes: number;
  readonly brotliBytes: number;
  readonly buildMs: number;
}
