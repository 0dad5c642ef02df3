import { Worker } from "node:worker_threads";
import type { StoreSettings } from "@duty-ledger/event-store";
import type { Seal } from "./seal.js";
import type { LogVerification } from "./verify-log.js";

/**
 * `verifyLog` on a worker thread of its own (issue 20, point 8): a verification reads and hashes
 * the whole log, seconds of CPU on a large one; on the thread that answers HTTP it held every
 * request (20 concurrent verifies of a 5k-event store held a health check for 1 s). The worker
 * (`verify-worker.ts`) opens its own connection to the store (as `duty-ledger audit verify`
 * does), verifies, answers with the report and ends.
 */

/** What one verification checks: up to which position, and optionally a seal. */
export interface VerifyRequest {
  readonly upTo?: number;
  readonly seal?: Seal;
}

/** Runs one verification; `createAuditApi` runs one at a time. */
export type VerifyRunner = (request: VerifyRequest) => Promise<LogVerification>;

export interface VerifyWorkerData extends VerifyRequest {
  readonly store: StoreSettings;
}

export type FromVerifyWorker = { readonly kind: "verified"; readonly report: LogVerification } | { readonly kind: "failed"; readonly message: string };

/** The worker on the module next to this file: built, or on source through a bootstrap registering tsx (as the projector's). */
const newWorker = (data: VerifyWorkerData): Worker => {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./verify-worker.js", import.meta.url), { workerData: data });
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./verify-worker.ts", import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data, execArgv: ["--conditions=source"] });
};

/** A runner verifying the store `settings` name, each time on a new worker thread. */
export const verifyInWorkerThread =
  (settings: StoreSettings): VerifyRunner =>
  (request) =>
    new Promise<LogVerification>((resolve, reject) => {
      const thread = newWorker({ store: settings, ...request });
      let settled = false;
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        outcome();
      };
      thread.on("message", (message: FromVerifyWorker) => {
        switch (message.kind) {
          case "verified":
            settle(() => resolve(message.report));
            break;
          case "failed":
            settle(() => reject(new Error(`the verification failed: ${message.message}`)));
            break;
          default: {
            const _exhaustive: never = message;
            settle(() => reject(new Error(`unexpected message from the verification's thread: ${JSON.stringify(_exhaustive)}`)));
          }
        }
      });
      thread.once("error", (error: Error) => settle(() => reject(new Error(`the verification's thread failed: ${error.message}`, { cause: error }))));
      thread.once("exit", (code) => settle(() => reject(new Error(`the verification's thread ended without a report (exit ${code})`))));
    });
