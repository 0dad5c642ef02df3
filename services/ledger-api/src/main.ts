// The standalone write API: `tsx --conditions=source services/ledger-api/src/main.ts`
// (or `node services/ledger-api/dist/main.js`). Configuration from the environment, see docs/operations.md.
import { stopOnSignals } from "@duty-ledger/http-kit";
import { startLedgerService } from "./ledger-service.js";

try {
  stopOnSignals(await startLedgerService(process.env), { name: "ledger-api" });
} catch (error) {
  process.stderr.write(`ledger-api: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
