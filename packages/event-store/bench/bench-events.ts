import { v7 as uuidv7 } from "uuid";

/**
 * The events and append plans every subject of the store bench is fed, generated before
 * any timing: the same ids (UUIDv7, time-ordered), types, payloads and streams for the raw
 * baseline, the store and the Emmett peer.
 */

export interface BenchEvent {
  readonly id: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: {
    readonly actor: { readonly id: string; readonly role: string };
    readonly correlationId: string;
  };
}

/** One append: `events` to `streamId`, whose last revision must be `expectedRevision` (-1: no stream yet). */
export interface AppendStep {
  readonly streamId: string;
  readonly expectedRevision: number;
  readonly events: readonly BenchEvent[];
}

/** Appends that run one after the other; a workload with concurrency runs several lanes at once. */
export type Lane = readonly AppendStep[];

const TYPES = ["SuggestionSubmitted", "SuggestionAssigned", "ReplyDrafted", "DeputyFeedbackGiven"] as const;

function benchEvent(sequence: number, streamId: string): BenchEvent {
  const deputy = `deputy-${(sequence % 997).toString().padStart(4, "0")}`;
  return {
    id: uuidv7(),
    type: TYPES[sequence % TYPES.length] ?? "SuggestionSubmitted",
    data: {
      suggestionId: streamId,
      deputyId: deputy,
      unitId: `unit-${sequence % 53}`,
      title: `Suggestion ${sequence} on the maintenance of rural roads and school bus routes`,
      body: "Residents of the township report that the county road between the two villages floods every summer; the deputy asks the transport bureau to plan drainage and a timetable.",
      category: "transport",
      submittedAt: "2026-03-05T09:30:00.000+08:00",
      seq: sequence,
    },
    metadata: { actor: { id: deputy, role: "deputy" }, correlationId: `corr-${sequence}` },
  };
}

/**
 * `lanes` lanes; each lane appends `appendsPerLane` times `eventsPerAppend` events, round robin
 * over its own `streamsPerLane` streams, each append expecting the stream's current revision.
 */
export function appendLanes(options: {
  readonly lanes: number;
  readonly appendsPerLane: number;
  readonly eventsPerAppend: number;
  readonly streamsPerLane: number;
  readonly streamPrefix: string;
}): Lane[] {
  let sequence = 0;
  const lanes: Lane[] = [];
  for (let lane = 0; lane < options.lanes; lane += 1) {
    const revisions = new Array<number>(options.streamsPerLane).fill(-1);
    const steps: AppendStep[] = [];
    for (let i = 0; i < options.appendsPerLane; i += 1) {
      const slot = i % options.streamsPerLane;
      const streamId = `${options.streamPrefix}-${lane}-${slot}`;
      const events: BenchEvent[] = [];
      for (let e = 0; e < options.eventsPerAppend; e += 1) events.push(benchEvent(sequence++, streamId));
      const expectedRevision = revisions[slot] ?? -1;
      steps.push({ streamId, expectedRevision, events });
      revisions[slot] = expectedRevision + events.length;
    }
    lanes.push(steps);
  }
  return lanes;
}

export function countEvents(lanes: readonly Lane[]): number {
  return lanes.reduce((sum, lane) => sum + lane.reduce((s, step) => s + step.events.length, 0), 0);
}

export function countAppends(lanes: readonly Lane[]): number {
  return lanes.reduce((sum, lane) => sum + lane.length, 0);
}

/** The first `maxAppends` appends of the plan, taken evenly from the lanes (for slow peers). */
export function limitLanes(lanes: readonly Lane[], maxAppends: number): Lane[] {
  const perLane = Math.max(1, Math.floor(maxAppends / lanes.length));
  return lanes.map((lane) => lane.slice(0, perLane));
}
