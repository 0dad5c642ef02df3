import { deciders, shanghaiDayStart, shanghaiIsoOf, type CommandActor, type ContactChannel, type Opinion } from "@duty-ledger/domain";
import {
  CHANNEL_RATIOS,
  CLERK_RECORDED_SHARE,
  COUNTY_DEPUTY_IN_ROOM_SHARE,
  COUNTY_DEPUTY_VISIT_SHARE,
  DUPLICATE_CONTACT_SHARE,
  GUEST_DEPUTY_SHARE,
  MEAN_OPINIONS,
  OPINION_FATES,
  RECEPTION_EXTRA_DEPUTIES,
  RECEPTIONS_PER_STATION_YEAR,
  UPPER_DEPUTY_SURVEYS_PER_YEAR,
  UPPER_DEPUTY_VISITS_PER_YEAR,
} from "./calibration.js";
import { deputyIdOf, makesSuggestions, type DeputyRef, type RegionPlan, type StationPlan } from "./region-plan.js";
import { addWorkingDays, DAY_MS, HOUR_MS, MINUTE_MS, nextWorkingTime, toSecond } from "./working-time.js";
import { referDirectOpinions } from "./opinion-referrals.js";
import { scheduleConfirmations } from "./participation.js";
import { newEntity } from "./simulation.js";
import { placeFor } from "./suggestion-places.js";
import { TOPICS, type Topic } from "./vocabulary.js";
import { countersOf, type ContactCase, type World } from "./world.js";

/**
 * Contacts with constituents (联系群众): each channel of each region is a Poisson process of
 * contacts; a contact is recorded (by the station's clerk, the deputy, or the office for a
 * 12345 referral) some minutes to days after it happened, its opinions are then answered
 * back (有回应), kept by a deputy for a suggestion, or left unanswered.
 */

const YEAR_MS = 365.25 * DAY_MS;

interface ContactDraft {
  readonly region: RegionPlan;
  readonly channel: ContactChannel;
  readonly station: StationPlan | undefined;
  readonly deputies: readonly DeputyRef[];
  readonly occurredAt: number;
  readonly constituents: number;
  readonly recorder: CommandActor;
  readonly recordedAt: number;
}

const clerkOf = (station: StationPlan): CommandActor => ({ id: `clerk-${station.id}`, role: "clerk", stationId: station.id });

const countyDeputy = (region: RegionPlan, index: number): DeputyRef => ({ id: deputyIdOf(region, index), region, index });

const opinionCount = (world: World, channel: ContactChannel): number => {
  const { random } = world;
  switch (channel) {
    case "station":
    case "visit":
      return Math.min(5, random.poisson(MEAN_OPINIONS[channel]));
    case "online":
    case "hotline":
      return 1;
    case "survey":
      return Math.min(8, 1 + random.poisson(MEAN_OPINIONS.survey - 1));
    default: {
      const _exhaustive: never = channel;
      throw new Error(`unknown channel ${String(_exhaustive)}`);
    }
  }
};

interface ContactContent {
  readonly topic: Topic;
  readonly subject: string;
  readonly opinionTexts: readonly string[];
}

const recordContact = (world: World, draft: ContactDraft, duplicateOf?: { contact: ContactCase; content: ContactContent }): ContactCase => {
  const { sim, random } = world;
  const counters = countersOf(world, draft.region);
  counters.contacts++;
  const contactId = `C-${draft.region.code}-${String(counters.contacts).padStart(6, "0")}`;
  let content = duplicateOf?.content;
  if (content === undefined) {
    const topic = random.pick(TOPICS);
    const place = placeFor(world.text, draft.deputies[0] as DeputyRef);
    // A survey hears several groups of a village; a hotline caller gives no place.
    const where = (): string => (draft.channel === "hotline" ? "来电群众" : `${place.village}${draft.channel === "survey" ? `${world.text.int(1, 12)}组` : place.group}群众`);
    content = { topic, subject: random.pick(topic.subjects), opinionTexts: Array.from({ length: opinionCount(world, draft.channel) }, () => `${where()}反映：${random.pick(topic.opinions)}`) };
  }
  const { topic } = content;
  const opinions: Opinion[] = content.opinionTexts.map((text, k) => ({ opinionId: `${contactId}-${k + 1}`, text }));
  const where = draft.station?.name ?? draft.region.fullName;
  const summary = `${where}：${draft.deputies.length}名代表${draft.channel === "station" ? "接待" : "联系"}群众${draft.constituents}人次，收集意见${opinions.length}条。`;
  const entity = newEntity(`contact-${contactId}`, deciders.contact.initialState, duplicateOf !== undefined);
  sim.decide(deciders.contact, entity, {
    type: "RecordContact",
    data: {
      contactId,
      deputyIds: draft.deputies.map((d) => d.id),
      ...(draft.station === undefined ? {} : { stationId: draft.station.id }),
      channel: draft.channel,
      occurredAt: shanghaiIsoOf(draft.occurredAt, "second"),
      constituents: draft.constituents,
      topic: content.subject,
      summary,
      opinions,
    },
    metadata: sim.metadata(draft.recorder),
  });
  const feedbackActor = draft.recorder.role === "clerk" || draft.recorder.role === "office" ? draft.recorder : { id: (draft.deputies[0] as DeputyRef).id, role: "deputy" as const };
  const contact: ContactCase = { entity, contactId, topicKey: topic.key, feedbackActor };

  if (duplicateOf !== undefined) {
    // The office spots the duplicate and voids it; its opinions are answered on the original.
    const firstEventId = entity.stored?.[0]?.id as string;
    sim.schedule(nextWorkingTime(addWorkingDays(sim.now, random.int(1, 5))), () => {
      sim.void(deciders.contact, entity, {
        type: "VoidEvent",
        data: { eventId: firstEventId, reason: `重复录入，与 ${duplicateOf.contact.contactId} 为同一次接待` },
        metadata: sim.metadata({ id: draft.region.officeId, role: "office" }),
      });
    });
    return contact;
  }
  if (draft.recorder.role === "clerk" && random.chance(DUPLICATE_CONTACT_SHARE)) {
    const original = { contact, content };
    sim.schedule(sim.now + random.int(1, 10) * MINUTE_MS, () => {
      recordContact(world, draft, original);
    });
  }

  // What becomes of each opinion.
  const owner = draft.deputies.find(makesSuggestions);
  if (draft.recorder.role === "deputy") {
    // The others named count once they confirm; whoever keeps its opinions for a suggestion does.
    const others = draft.deputies.map((d) => d.id).filter((id) => id !== draft.recorder.id);
    scheduleConfirmations(world, entity, contactId, others, new Set(owner === undefined ? [] : [owner.id]));
  }
  const direct: string[] = [];
  for (const opinion of opinions) {
    const fate = random.weighted([
      ["direct", OPINION_FATES.direct],
      ["suggestion", owner === undefined ? 0 : OPINION_FATES.suggestion],
      ["none", OPINION_FATES.none],
    ] as const);
    if (fate === "direct") direct.push(opinion.opinionId);
    else if (fate === "suggestion" && owner !== undefined) {
      world.pools.keep(owner.id, { contact, opinionId: opinion.opinionId, keptAt: sim.now }, countersOf(world, owner.region));
    }
  }
  // 转办: at a station, most opinions answered directly are referred to a unit first.
  const answeredOnTheSpot = draft.station === undefined ? direct : referDirectOpinions(world, draft.region, contact, draft.recorder, direct);
  if (answeredOnTheSpot.length > 0) {
    const answeredAt = random.chance(0.25)
      ? draft.occurredAt + random.int(10, 120) * MINUTE_MS // answered on the spot
      : nextWorkingTime(draft.occurredAt + random.between(2, 30) * DAY_MS, random.int(0, 480) * MINUTE_MS);
    const feedbackAt = toSecond(Math.max(answeredAt, draft.occurredAt));
    const recordAt = Math.max(sim.now + MINUTE_MS, feedbackAt + random.int(5, 24 * 60) * MINUTE_MS);
    sim.schedule(recordAt, () => {
      sim.decide(deciders.contact, entity, {
        type: "GiveContactFeedback",
        data: { contactId, opinionIds: answeredOnTheSpot, feedbackAt: shanghaiIsoOf(feedbackAt, "second"), text: "已将办理情况向反映群众作了答复。" },
        metadata: sim.metadata(feedbackActor),
      });
    });
  }
  return contact;
};

/** An arrival time for a contact: mostly in working hours, some on weekends or evenings. */
const contactTime = (world: World, arrival: number): number => {
  const { random } = world;
  if (random.chance(0.85)) return nextWorkingTime(arrival, random.int(0, 420) * MINUTE_MS);
  return toSecond(shanghaiDayStart(arrival) + random.int(8 * 60, 20 * 60) * MINUTE_MS);
};

type DraftMaker = (occurredAt: number) => ContactDraft;

/** Runs a Poisson process of contacts from `start` at `perYear` contacts a year. */
const contactProcess = (world: World, start: number, perYear: number, make: DraftMaker): void => {
  if (!(perYear > 0)) return;
  const { sim, random } = world;
  const meanGap = YEAR_MS / perYear;
  // The process keeps its own (calendar) clock: moving a contact into working hours must not
  // delay the next arrival, or the rate would fall.
  const arrive = (from: number): void => {
    const arrival = from + random.exponential(meanGap);
    const at = toSecond(Math.max(contactTime(world, arrival), start));
    sim.schedule(at, () => {
      const draft = make(at); // not sim.now: an arrival moved into working hours may run late
      sim.schedule(draft.recordedAt, () => recordContact(world, draft));
      arrive(arrival);
    });
  };
  arrive(start);
};

/**
 * The deputies on duty at a reception: the station's deputies take turns (全员进站, Xiangtan), in an
 * order drawn once per station, so that over a year every deputy of the station receives constituents.
 */
const onDuty = (world: World, county: RegionPlan, station: StationPlan, count: number): number[] => {
  const deputies = station.deputies;
  if (deputies.length === 0) return [];
  const rota = countersOf(world, county).rota;
  const next = rota.get(station.id) ?? world.random.int(0, deputies.length - 1);
  const taken = Math.min(count, deputies.length);
  rota.set(station.id, (next + taken) % deputies.length);
  return Array.from({ length: taken }, (_, k) => deputies[(next + k) % deputies.length] as number);
};

/** Starts every contact process of a county (its deputies and stations). */
export const startCountyContacts = (world: World, county: RegionPlan, start: number): void => {
  const { random } = world;
  const physical = county.stations.filter((s) => s.kind !== "online");
  const online = county.stations.filter((s) => s.kind === "online");
  const weights = physical.map((s) => [s, s.weight] as const);
  const receptions = physical.length * RECEPTIONS_PER_STATION_YEAR;
  const anyDeputy = (): DeputyRef => countyDeputy(county, random.int(0, county.deputyCount - 1));
  const deputyLag = (): number => (random.chance(0.5) ? random.int(30, 600) * MINUTE_MS : random.between(1, 10) * DAY_MS);

  contactProcess(world, start, receptions, (occurredAt) => {
    const station = random.weighted(weights);
    const present = onDuty(world, county, station, 1 + random.poisson(RECEPTION_EXTRA_DEPUTIES)).map((i) => countyDeputy(county, i));
    if (station.kind === "room" && random.chance(COUNTY_DEPUTY_IN_ROOM_SHARE)) {
      // 三级联动: a county deputy of the township joins the reception at a village room.
      const townships = county.townships.length;
      const perTownship = Math.ceil((county.suggestionDeputies - station.township) / townships);
      if (perTownship > 0) present.push(countyDeputy(county, station.township + townships * random.int(0, perTownship - 1)));
    }
    if (station.guests.length > 0 && random.chance(GUEST_DEPUTY_SHARE)) present.push(random.pick(station.guests));
    if (present.length === 0) present.push(anyDeputy());
    const byClerk = random.chance(CLERK_RECORDED_SHARE);
    const recorder: CommandActor = byClerk ? clerkOf(station) : { id: (present[0] as DeputyRef).id, role: "deputy" };
    const lag = byClerk ? random.int(5, 180) * MINUTE_MS : deputyLag();
    return { region: county, channel: "station", station, deputies: present, occurredAt, constituents: 1 + random.poisson(2), recorder, recordedAt: occurredAt + lag };
  });
  const visitor = (): DeputyRef => (random.chance(COUNTY_DEPUTY_VISIT_SHARE) ? countyDeputy(county, random.int(0, county.suggestionDeputies - 1)) : anyDeputy());
  contactProcess(world, start, receptions * CHANNEL_RATIOS.visit, (occurredAt) => {
    const present = [visitor()];
    if (random.chance(0.2)) {
      const other = anyDeputy();
      if (other.id !== (present[0] as DeputyRef).id) present.push(other);
    }
    return { region: county, channel: "visit", station: undefined, deputies: present, occurredAt, constituents: 1 + random.poisson(4), recorder: { id: (present[0] as DeputyRef).id, role: "deputy" }, recordedAt: occurredAt + deputyLag() };
  });
  contactProcess(world, start, receptions * CHANNEL_RATIOS.online, (occurredAt) => {
    const station = random.pick(online);
    return { region: county, channel: "online", station, deputies: [anyDeputy()], occurredAt, constituents: 1, recorder: clerkOf(station), recordedAt: occurredAt + random.int(1, 30) * MINUTE_MS };
  });
  contactProcess(world, start, receptions * CHANNEL_RATIOS.hotline, (occurredAt) => ({
    region: county,
    channel: "hotline",
    station: undefined,
    deputies: [anyDeputy()],
    occurredAt,
    constituents: 1,
    recorder: { id: county.officeId, role: "office" },
    recordedAt: nextWorkingTime(occurredAt + random.between(1, 72) * HOUR_MS),
  }));
  contactProcess(world, start, receptions * CHANNEL_RATIOS.survey, (occurredAt) => {
    const present = random.distinct(county.deputyCount, Math.min(county.deputyCount, 1 + random.int(0, 2))).map((i) => countyDeputy(county, i));
    return { region: county, channel: "survey", station: undefined, deputies: present, occurredAt, constituents: 20 + random.poisson(40), recorder: { id: (present[0] as DeputyRef).id, role: "deputy" }, recordedAt: occurredAt + random.between(1, 10) * DAY_MS };
  });
};

/** Visits and surveys of a municipal or provincial region's deputies. */
export const startUpperContacts = (world: World, region: RegionPlan, start: number): void => {
  const { random } = world;
  const deputy = (): DeputyRef => {
    const index = random.int(0, region.deputyCount - 1);
    return { id: deputyIdOf(region, index), region, index };
  };
  contactProcess(world, start, region.deputyCount * UPPER_DEPUTY_VISITS_PER_YEAR, (occurredAt) => {
    const present = [deputy()];
    return { region, channel: "visit", station: undefined, deputies: present, occurredAt, constituents: 1 + random.poisson(5), recorder: { id: (present[0] as DeputyRef).id, role: "deputy" }, recordedAt: occurredAt + random.between(0.1, 7) * DAY_MS };
  });
  contactProcess(world, start, region.deputyCount * UPPER_DEPUTY_SURVEYS_PER_YEAR, (occurredAt) => {
    const present = [deputy()];
    return { region, channel: "survey", station: undefined, deputies: present, occurredAt, constituents: 30 + random.poisson(60), recorder: { id: (present[0] as DeputyRef).id, role: "deputy" }, recordedAt: occurredAt + random.between(1, 14) * DAY_MS };
  });
};
