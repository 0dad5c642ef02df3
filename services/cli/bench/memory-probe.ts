/**
 * Preloaded (`node --expose-gc --import tsx --import memory-probe.ts main.ts start`) into the
 * soak's server, which is otherwise the real `duty-ledger start`: on SIGUSR2 it collects garbage
 * (when `--expose-gc` is given) and writes the process's memory to stderr as one JSON line
 * `{"soakMemory": {rss, heapTotal, heapUsed, external, arrayBuffers}}` (bytes).
 */
process.on("SIGUSR2", () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  process.stderr.write(`${JSON.stringify({ soakMemory: process.memoryUsage(), gc: gc !== undefined })}\n`);
});
