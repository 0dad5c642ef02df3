import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { generateHistory, type GenerateHistoryOptions, type GeneratorStats } from "./generate-history.js";

/**
 * The worker thread of `seedStore` (see seed-store.ts): runs the generator and posts its
 * appends in batches, as JSON text, while the seeding thread writes them to the store. It
 * produces at most `credit` batches ahead of what the seeding thread has taken, so memory
 * stays bounded whichever side is slower.
 */

export interface GeneratorWorkerData {
  readonly options: GenerateHistoryOptions;
  /** Appends per batch. */
  readonly batchAppends: number;
  /** Batches produced ahead before waiting for the seeding thread to take one. */
  readonly credit: number;
}

/** Worker to seeding thread. */
export type GeneratorWorkerMessage =
  | { readonly kind: "ready" }
  /** `appends`: a JSON array of `GeneratedAppend`. */
  | { readonly kind: "batch"; readonly appends: string; readonly stats: GeneratorStats }
  | { readonly kind: "done"; readonly stats: GeneratorStats }
  | { readonly kind: "failed"; readonly name: string; readonly message: string; readonly stack: string | undefined };

/** Seeding thread to worker: it took a batch, one more may be produced. */
export interface GeneratorWorkerCredit {
  readonly kind: "credit";
}

async function run(port: MessagePort, data: GeneratorWorkerData): Promise<void> {
  let credit = data.credit;
  let wake: (() => void) | undefined;
  port.on("message", (message: GeneratorWorkerCredit) => {
    if (message.kind !== "credit") return;
    credit++;
    wake?.();
  });
  const post = (message: GeneratorWorkerMessage): void => port.postMessage(message);
  post({ kind: "ready" });
  try {
    const iterator = generateHistory(data.options)[Symbol.iterator]();
    for (;;) {
      while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      const batch: unknown[] = [];
      let step = iterator.next();
      while (!step.done) {
        batch.push(step.value);
        if (batch.length >= data.batchAppends) break;
        step = iterator.next();
      }
      if (batch.length > 0) {
        credit--;
        post({ kind: "batch", appends: JSON.stringify(batch), stats: iterator.stats() });
      }
      if (step.done === true) {
        post({ kind: "done", stats: iterator.stats() });
        break;
      }
    }
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    post({ kind: "failed", name: failure.name, message: failure.message, stack: failure.stack });
  } finally {
    port.removeAllListeners("message"); // nothing left to wait for: the thread ends
  }
}

if (parentPort !== null) void run(parentPort, workerData as GeneratorWorkerData);
