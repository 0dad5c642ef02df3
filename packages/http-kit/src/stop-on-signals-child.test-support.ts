import pino from "pino";
import { stopOnSignals } from "./stop-on-signals.js";

/**
 * A process for stop-on-signals.int.test.ts: a service whose stop takes `argv[2]` ms, stopped
 * by `stopOnSignals`; it logs as JSON lines and prints "ready" once its handlers are installed.
 */
const stopMs = Number(process.argv[2] ?? "500");
const logger = pino({ base: null });
stopOnSignals(
  {
    logger,
    close: async () => {
      await new Promise((resolve) => setTimeout(resolve, stopMs));
      logger.info("closed");
    },
  },
  { name: "child" },
);
// Keeps the event loop alive, as a server's socket would.
setInterval(() => undefined, 60_000);
console.log("ready");
