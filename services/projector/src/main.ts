#!/usr/bin/env node
// The standalone projector: `tsx --conditions=source services/projector/src/main.ts` (or
// `node services/projector/dist/main.js`). Configuration from the environment, see
// docs/operations.md. A bad environment exits 2 before anything is opened; SIGTERM/SIGINT flush
// the batch in progress and its checkpoint, then exit 0; a failed engine exits 1 (a supervisor
// restarts it from the last checkpoint).
import { isLedgerErrorOf } from "@duty-ledger/domain";
import { stopOnSignals } from "@duty-ledger/http-kit";
import { startProjectorService } from "./projector-service.js";

try {
  const service = await startProjectorService({ env: process.env, onFailure: () => process.exit(1) });
  stopOnSignals(service, { name: "projector", timeoutMs: 15_000, stopping: "committing the batch in progress and its checkpoint" });
} catch (error) {
  process.stderr.write(`projector: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = isLedgerErrorOf(error, "VALIDATION") ? 2 : 1;
}
