import {
  contactChannels,
  decideVoid,
  deciders,
  foldStream,
  handlingStepKinds,
  isLedgerError,
  streamOfCommand,
  type AnyDecider,
  type CommandActor,
  type DutyCommand,
  type DutyEvent,
  type StoredEventLike,
} from "@duty-ledger/domain";
import type { EventStore, NewEvent } from "@duty-ledger/event-store";

/**
 * A deterministic sample log for tests and benchmarks: registries, contacts with opinions
 * and feedback, suggestions through pre-review, assignment, handling steps, extensions,
 * replies, publication, evaluations (some unsatisfied, re-handled), deputy corrections, and
 * voidings of some of those events. Every event is decided by the domain's deciders from a
 * command (so the log is valid), on a simulated clock; the same options give the same log.
 */

export interface SampleLogOptions {
  readonly seed?: number;
  readonly deputies?: number;
  readonly units?: number;
  readonly stations?: number;
  readonly contacts?: number;
  readonly suggestions?: number;
  /** Share of eligible events voided shortly after being recorded. Default 0.02. */
  readonly voidRate?: number;
  /** Start of the simulated clock. Default 2024-01-01T08:00:00+08:00. */
  readonly start?: string;
  /** Days over which contacts and suggestions are spread. Default 540. */
  readonly days?: number;
  /** Prefix of the deputy, unit and station ids (to combine several logs in one store). Default "". */
  readonly idPrefix?: string;
}

/** One append: events of one stream, in order. */
export interface SampleAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** mulberry32: a small seeded PRNG. */
const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

interface Action {
  readonly at: number;
  readonly seq: number;
  readonly run: (now: number) => void;
}

/** A min-heap of actions by (at, seq). */
class Agenda {
  private readonly heap: Action[] = [];
  private seq = 0;

  add(at: number, run: (now: number) => void): void {
    const action: Action = { at, seq: this.seq++, run };
    const heap = this.heap;
    heap.push(action);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!Agenda.before(heap[i] as Action, heap[parent] as Action)) break;
      [heap[i], heap[parent]] = [heap[parent] as Action, heap[i] as Action];
      i = parent;
    }
  }

  next(): Action | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && Agenda.before(heap[l] as Action, heap[m] as Action)) m = l;
        if (r < heap.length && Agenda.before(heap[r] as Action, heap[m] as Action)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m] as Action, heap[i] as Action];
        i = m;
      }
    }
    return top;
  }

  private static before(a: Action, b: Action): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

interface StreamRecord {
  readonly category: keyof typeof deciders;
  readonly events: StoredEventLike[];
  state: unknown;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Generates the sample log (appends in the order a ledger would have received them). */
export const generateSampleLog = (options: SampleLogOptions = {}): SampleAppend[] => {
  const seed = options.seed ?? 1;
  const random = prng(seed);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const deputyCount = options.deputies ?? 60;
  const unitCount = options.units ?? 12;
  const stationCount = options.stations ?? 6;
  const contactCount = options.contacts ?? 400;
  const suggestionCount = options.suggestions ?? 150;
  const voidRate = options.voidRate ?? 0.02;
  const start = Date.parse(options.start ?? "2024-01-01T08:00:00+08:00");
  const span = (options.days ?? 540) * DAY;

  const appends: SampleAppend[] = [];
  const streams = new Map<string, StreamRecord>();
  const agenda = new Agenda();
  let eventCounter = 0;
  const office: CommandActor = { id: "office-1", role: "office" };

  /** Decides `command` at `now`; appends and folds its events. Returns their ids, or null when refused. */
  const exec = (command: Omit<Exclude<DutyCommand, { type: "VoidEvent" }>, "metadata">, actor: CommandActor, now: number): string[] | null => {
    const full = { ...command, metadata: { actor, now: iso(now) } } as Exclude<DutyCommand, { type: "VoidEvent" }>;
    const { category, streamId } = streamOfCommand(full);
    const decider = deciders[category];
    const record = streams.get(streamId) ?? { category, events: [], state: decider.initialState };
    let events: DutyEvent[];
    try {
      events = (decider.decide as (c: unknown, s: unknown) => DutyEvent[])(full, record.state);
    } catch (error) {
      if (isLedgerError(error)) return null;
      throw error;
    }
    if (events.length === 0) return [];
    streams.set(streamId, record);
    const ids: string[] = [];
    const newEvents: NewEvent[] = events.map((event) => {
      const id = `s${seed}-e${++eventCounter}`;
      ids.push(id);
      record.events.push({ id, type: event.type, data: event.data });
      record.state = (decider.evolve as (s: unknown, e: unknown) => unknown)(record.state, event);
      return { id, type: event.type, data: event.data, metadata: { actor: { id: actor.id, role: actor.role } } };
    });
    appends.push({ streamId, events: newEvents });
    return ids;
  };

  /** Voids an event of a stream (office); false when refused (a later event depends on it). */
  const voidEvent = (streamId: string, eventId: string, now: number): boolean => {
    const record = streams.get(streamId);
    if (record === undefined) return false;
    const decider: AnyDecider = deciders[record.category];
    let voidings: DutyEvent[];
    try {
      voidings = decideVoid(decider, streamId, record.events, {
        type: "VoidEvent",
        data: { eventId, reason: "recorded by mistake" },
        metadata: { actor: office, now: iso(now) },
      });
    } catch (error) {
      if (isLedgerError(error)) return false;
      throw error;
    }
    const newEvents = voidings.map((event): NewEvent => {
      const id = `s${seed}-e${++eventCounter}`;
      record.events.push({ id, type: event.type, data: event.data });
      return { id, type: event.type, data: event.data, metadata: { actor: { id: office.id, role: office.role } } };
    });
    record.state = foldStream(decider, record.events, { validate: false });
    appends.push({ streamId, events: newEvents });
    return true;
  };

  const maybeVoid = (streamId: string, ids: readonly string[] | null, now: number): void => {
    if (ids === null || ids.length === 0 || !chance(voidRate)) return;
    const id = ids[0] as string;
    agenda.add(now + int(1, 6) * HOUR, (at) => {
      voidEvent(streamId, id, at);
    });
  };

  // --- registries ---------------------------------------------------------------------------------
  const prefix = options.idPrefix ?? "";
  const stationIds = Array.from({ length: stationCount }, (_, i) => `${prefix}ST-${i + 1}`);
  const unitIds = Array.from({ length: unitCount }, (_, i) => `${prefix}U-${i + 1}`);
  const deputyIds = Array.from({ length: deputyCount }, (_, i) => `${prefix}D-${String(i + 1).padStart(4, "0")}`);
  const levels = ["national", "provincial", "municipal", "county", "township"] as const;
  const opinionsOf = new Map<string, string[]>();

  stationIds.forEach((stationId, i) =>
    agenda.add(start - DAY + i, (now) => {
      exec({ type: "RegisterStation", data: { stationId, name: `联络站 ${i + 1}`, region: `区域 ${1 + (i % 4)}` } }, office, now);
    }),
  );
  unitIds.forEach((unitId, i) =>
    agenda.add(start - DAY + 1000 + i, (now) => {
      exec({ type: "RegisterUnit", data: { unitId, name: `承办单位 ${i + 1}` } }, office, now);
    }),
  );
  deputyIds.forEach((deputyId, i) => {
    // Most deputies are registered before the period; some join during the first year.
    const at = chance(0.85) ? start - DAY + 2000 + i : start + int(10, 300) * DAY;
    agenda.add(at, (now) => {
      exec(
        {
          type: "RegisterDeputy",
          data: {
            deputyId,
            name: `代表 ${i + 1}`,
            level: pick(levels),
            term: "2023-2028",
            constituency: `选区 ${1 + (i % 9)}`,
            ...(chance(0.7) ? { stationId: pick(stationIds) } : {}),
          },
        },
        office,
        now,
      );
      if (chance(0.08)) {
        agenda.add(now + int(20, 200) * DAY, (later) => {
          const ids = exec({ type: "CorrectDeputy", data: { deputyId, constituency: `选区 ${int(1, 12)}`, reason: "选区调整" } }, office, later);
          maybeVoid(`deputy-${deputyId}`, ids, later);
        });
      }
    });
  });

  // --- contacts -----------------------------------------------------------------------------------
  for (let c = 0; c < contactCount; c++) {
    const contactId = `C-${seed}-${c + 1}`;
    agenda.add(start + Math.floor(random() * span), (now) => {
      const present = Array.from(new Set(Array.from({ length: int(1, 3) }, () => pick(deputyIds))));
      const channel = pick(contactChannels);
      const opinions = Array.from({ length: int(0, 4) }, (_, k) => ({ opinionId: `${contactId}-o${k + 1}`, text: `群众意见 ${k + 1}` }));
      const occurredAt = now - int(0, 48) * HOUR;
      const ids = exec(
        {
          type: "RecordContact",
          data: {
            contactId,
            deputyIds: present,
            ...(channel === "station" || chance(0.3) ? { stationId: pick(stationIds) } : {}),
            channel,
            occurredAt: iso(occurredAt),
            constituents: int(1, 40),
            topic: `主题 ${int(1, 50)}`,
            summary: "联系群众，听取意见建议。",
            opinions,
          },
        },
        { id: present[0] as string, role: "deputy" },
        now,
      );
      if (ids === null) return;
      for (const deputyId of present) {
        const list = opinionsOf.get(deputyId) ?? [];
        list.push(...opinions.map((o) => o.opinionId));
        opinionsOf.set(deputyId, list.slice(-20));
      }
      maybeVoid(`contact-${contactId}`, ids, now);
      if (opinions.length > 0 && chance(0.5)) {
        agenda.add(now + int(5, 40) * DAY, (later) => {
          const answered = opinions.slice(0, Math.max(1, Math.floor(opinions.length / 2))).map((o) => o.opinionId);
          const feedbackIds = exec(
            { type: "GiveContactFeedback", data: { contactId, opinionIds: answered, feedbackAt: iso(later), text: "已向群众反馈办理情况" } },
            office,
            later,
          );
          maybeVoid(`contact-${contactId}`, feedbackIds, later);
        });
      }
    });
  }

  // --- suggestions --------------------------------------------------------------------------------
  for (let s = 0; s < suggestionCount; s++) {
    const suggestionId = `S-${seed}-${s + 1}`;
    const streamId = `suggestion-${suggestionId}`;
    const lead = pick(deputyIds);
    const leadActor: CommandActor = { id: lead, role: "deputy" };

    const evaluate = (at: number, allowUnsatisfied: boolean): void => {
      agenda.add(at, (now) => {
        const roll = random();
        const rating = roll < 0.7 ? "satisfied" : roll < 0.85 || !allowUnsatisfied ? "basically-satisfied" : "unsatisfied";
        const ids = exec({ type: "EvaluateReply", data: { suggestionId, rating, evaluatedAt: iso(now) } }, leadActor, now);
        maybeVoid(streamId, ids, now);
        if (ids !== null && rating === "unsatisfied") handle(now, false);
      });
    };

    const reply = (at: number, leadUnit: string, allowUnsatisfied: boolean): void => {
      agenda.add(at, (now) => {
        const ids = exec(
          { type: "ReplyToSuggestion", data: { suggestionId, unitId: leadUnit, category: pick(["A", "A", "B", "C", "D"] as const), repliedAt: iso(now), text: "答复意见" } },
          { id: leadUnit, role: "unit" },
          now,
        );
        if (ids === null) return;
        maybeVoid(streamId, ids, now);
        if (chance(0.7)) {
          agenda.add(now + int(1, 15) * DAY, (later) => {
            const published = exec({ type: "PublishReply", data: { suggestionId, publishedAt: iso(later) } }, { id: leadUnit, role: "unit" }, later);
            maybeVoid(streamId, published, later);
          });
        }
        if (chance(0.8)) evaluate(now + int(3, 20) * DAY + 12 * HOUR, allowUnsatisfied);
      });
    };

    let units: { lead: string; co: string[] } | undefined;
    /** Handling from `from`: steps, maybe an extension, and (mostly) a reply. */
    const handle = (from: number, firstRound: boolean): void => {
      if (units === undefined) return;
      const { lead: leadUnit, co } = units;
      const steps = int(1, 5);
      for (let k = 0; k < steps; k++) {
        agenda.add(from + int(1, firstRound ? 60 : 20) * DAY, (now) => {
          const byCo = co.length > 0 && chance(0.3);
          const unitId = byCo ? pick(co) : leadUnit;
          const kind = byCo ? pick(["co-unit-opinion", "progress", "site-visit"] as const) : pick(handlingStepKinds.filter((kind) => kind !== "co-unit-opinion"));
          const occurred = now - int(0, 3) * DAY;
          const ids = exec(
            {
              type: "RecordHandlingStep",
              data: {
                suggestionId,
                unitId,
                kind,
                occurredAt: iso(Math.max(occurred, from + HOUR)),
                recordedVia: chance(0.7) ? "online" : "backfill",
                ...(kind === "consultation" ? { deputyPresent: chance(0.75) } : {}),
              },
            },
            { id: unitId, role: "unit" },
            now,
          );
          maybeVoid(streamId, ids, now);
        });
      }
      if (firstRound && chance(0.1)) {
        agenda.add(from + int(20, 50) * DAY, (now) => {
          const record = streams.get(streamId);
          const state = record?.state as { dueAt?: string } | undefined;
          if (state?.dueAt === undefined) return;
          const ids = exec(
            { type: "ExtendDeadline", data: { suggestionId, newDueAt: iso(Date.parse(state.dueAt) + 30 * DAY), reason: "情况复杂，需延期", grantedAt: iso(now) } },
            office,
            now,
          );
          maybeVoid(streamId, ids, now);
        });
      }
      if (chance(firstRound ? 0.85 : 0.95)) reply(from + int(firstRound ? 20 : 5, firstRound ? 110 : 25) * DAY + 6 * HOUR, leadUnit, firstRound);
    };

    const assign = (at: number): void => {
      agenda.add(at, (now) => {
        const leadUnit = pick(unitIds);
        const co = Array.from(new Set(Array.from({ length: int(0, 2) }, () => pick(unitIds)))).filter((u) => u !== leadUnit);
        const ids = exec(
          { type: "AssignSuggestion", data: { suggestionId, leadUnitId: leadUnit, coUnitIds: co, assignedAt: iso(now), complex: chance(0.2) } },
          office,
          now,
        );
        if (ids === null) return;
        units = { lead: leadUnit, co };
        maybeVoid(streamId, ids, now);
        handle(now, true);
      });
    };

    const preReview = (at: number, allowRevise: boolean): void => {
      agenda.add(at, (now) => {
        const roll = random();
        const outcome = roll < 0.85 || !allowRevise ? "accept" : roll < 0.95 ? "revise" : "return";
        const ids = exec({ type: "PreReviewSuggestion", data: { suggestionId, outcome, reason: "预审意见", reviewedAt: iso(now) } }, office, now);
        if (ids === null) return;
        if (outcome === "accept") assign(now + int(1, 7) * DAY);
        if (outcome === "revise") {
          agenda.add(now + int(2, 5) * DAY, (later) => {
            const revised = exec({ type: "ReviseSuggestion", data: { suggestionId, title: `建议 ${s + 1}（修改稿）`, body: "修改后的建议内容", revisedAt: iso(later) } }, leadActor, later);
            if (revised !== null) preReview(later + int(2, 6) * DAY, false);
          });
        }
      });
    };

    agenda.add(start + Math.floor(random() * span * 0.8), (now) => {
      const coSigners = Array.from(new Set(Array.from({ length: int(0, 3) }, () => pick(deputyIds)))).filter((d) => d !== lead);
      const known = opinionsOf.get(lead) ?? [];
      const sources = known.length > 0 && chance(0.6) ? Array.from(new Set([pick(known), pick(known)])) : [];
      const dayOfYear = Math.floor((now - Date.UTC(new Date(now).getUTCFullYear(), 0, 1)) / DAY);
      const ids = exec(
        {
          type: "SubmitSuggestion",
          data: {
            suggestionId,
            leadDeputyId: lead,
            coSignerIds: coSigners,
            title: `建议 ${s + 1}`,
            body: "关于改进公共服务的建议",
            phase: dayOfYear < 75 ? "session" : "recess",
            session: String(new Date(now).getUTCFullYear()),
            submittedAt: iso(now),
            sourceOpinionIds: sources,
            confidential: chance(0.05),
          },
        },
        leadActor,
        now,
      );
      if (ids === null) return;
      maybeVoid(streamId, ids, now);
      preReview(now + int(2, 10) * DAY, true);
    });
  }

  for (let action = agenda.next(); action !== undefined; action = agenda.next()) action.run(action.at);
  return appends;
};

/** Appends the sample log to a store, in order, `inFlight` appends at a time. Returns the head position. */
export const appendSampleLog = async (store: EventStore, appends: readonly SampleAppend[], inFlight = 500): Promise<number> => {
  let head = 0;
  for (let i = 0; i < appends.length; i += inFlight) {
    const results = await Promise.all(appends.slice(i, i + inFlight).map((a) => store.append(a.streamId, a.events)));
    for (const result of results) head = Math.max(head, result.position);
  }
  return head;
};
