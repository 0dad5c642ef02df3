import { combineProjections, type CombinedDoc } from "./combined-projection.js";
import { deputyRecordProjection } from "./deputy-record-projection.js";
import { deputyTimelineProjection } from "./deputy-timeline-projection.js";

/**
 * The stored documents of the streams that concern deputies (key: stream id — a deputy's
 * registry, a contact, a suggestion): the timeline's lines of the stream (`timeline`,
 * `deputy-timeline`) and the duty record's facts of it (`record`, `deputy-record`) in one row,
 * indexed `deputy` under every deputy either part concerns. Both read the same events of the same
 * streams, and a deputy's timeline and record are read by the same index query; stored apart,
 * each paid its own route, cache entry, row and index rows per stream.
 */
export const DEPUTY_STREAMS = "deputy-streams";

const parts = { timeline: deputyTimelineProjection, record: deputyRecordProjection };

export type DeputyStreamsDoc = CombinedDoc<typeof parts>;

/** Version 1: `deputy-timeline` v5 and `deputy-record` v2 (bump it with either). */
export const deputyStreamsProjection = combineProjections(DEPUTY_STREAMS, 1, parts);

/**
 * The streams' documents with their record part alone (`{ record }`), stored under the same name,
 * so that the readers' `getDeputyRecords` reads them: for a fold that needs the records and not
 * the timelines (the audit's replay). Nothing else reads them.
 */
export const deputyRecordsProjection = combineProjections(DEPUTY_STREAMS, deputyStreamsProjection.version, { record: deputyRecordProjection });
