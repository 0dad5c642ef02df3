/**
 * `pnpm build` (after `tsc -b`): builds the page's client once and writes it to
 * `services/web/dist/client`, which a server then serves instead of building it at start, as
 * long as none of its sources changed (`src/prebuilt-client.ts`).
 */
import { bundleClient, defaultClientDir } from "../src/client-bundle.js";
import { prebuiltDirOf, writePrebuiltClient } from "../src/prebuilt-client.js";

const clientDir = defaultClientDir();
const bundle = await bundleClient({ clientDir, prebuilt: false });
const dir = prebuiltDirOf(clientDir);
writePrebuiltClient(bundle, dir, bundle.inputs);
console.log(`web client: ${bundle.stats.files} files, ${(bundle.stats.brotliBytes / 1024).toFixed(1)} KiB brotli, built in ${bundle.stats.buildMs} ms, written to ${dir}`);
