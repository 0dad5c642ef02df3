// The standalone read API: `tsx --conditions=source services/query-api/src/main.ts`.
// Configuration from the environment (see docs/api.md); SIGTERM/SIGINT finish requests in flight, then exit.
import { startQueryService, type RunningQueryService } from "./query-service.js";

/** Longest a graceful shutdown may take before the process exits anyway. */
const shutdownTimeoutMs = 10_000;

const main = async (): Promise<void> => {
  let service: RunningQueryService;
  try {
    service = await startQueryService({ env: process.env });
  } catch (error) {
    process.stderr.write(`query-api: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      service.logger.warn({ signal }, "query-api: second signal, exiting now");
      process.exit(1);
    }
    stopping = true;
    service.logger.info({ signal }, "query-api: shutting down");
    setTimeout(() => {
      service.logger.error({ shutdownTimeoutMs }, "query-api: shutdown took too long, exiting");
      process.exit(1);
    }, shutdownTimeoutMs).unref();
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        service.logger.error({ err: error }, "query-api: shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
};

void main();
