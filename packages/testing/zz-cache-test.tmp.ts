import { cachedProvinceLog, generatorVersion } from "./src/bench-measure.js";
const t = performance.now();
const path = await cachedProvinceLog({ profile: (process.env["P"] ?? "county") as "county", seed: 3, cacheDir: "/tmp/bench-cache-test" });
console.log(process.pid, path, generatorVersion(), ((performance.now() - t) / 1000).toFixed(2), "s");
