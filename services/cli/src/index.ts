export { configSchema, type Config } from "./config.js";
export { startServer, type RunningServer, type StartServerOptions } from "./server.js";
export { startLedger, startBanner, type Started } from "./start-command.js";
export type { CliIo } from "./cli-io.js";
