// The standalone read API: `tsx --conditions=source services/query-api/src/main.ts` (or
// `node services/query-api/dist/main.js`). Configuration from the environment, see docs/operations.md.
import { stopOnSignals } from "@duty-ledger/http-kit";
import { startQueryService } from "./query-service.js";

try {
  stopOnSignals(await startQueryService({ env: process.env }), { name: "query-api" });
} catch (error) {
  process.stderr.write(`query-api: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
