export { createProjector, type Projector, type ProjectorHealth, type ProjectorOptions } from "./create-projector.js";
export { projectorEnvSchema, type ProjectorEnv } from "./projector-config.js";
export { startProjectorService, type RunningProjectorService, type StartProjectorServiceOptions } from "./projector-service.js";
export { defaultProjectorThreads, startProjectorThread, type ProjectorThread, type ProjectorThreadOptions } from "./projector-thread.js";
export { startLeasedProjector, type LeasedProjector, type LeasedProjectorOptions } from "./leased-projector.js";
