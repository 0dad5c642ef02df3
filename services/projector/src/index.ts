export { createProjector, type Projector, type ProjectorHealth, type ProjectorOptions } from "./create-projector.js";
export { EVENTS_FILE_NAME, openEventStore } from "./open-event-store.js";
export { parseProjectorConfig, projectorConfigSchema, type ParsedProjectorConfig, type ProjectorConfig } from "./projector-config.js";
