import type { Role } from "@duty-ledger/domain";
import { generateHistory, type GenerateHistoryOptions } from "./generate-history.js";
import type { GeneratedAppend } from "./simulation.js";

/**
 * Notable actors of a generated history's first county (`K001`), for "pick a demo identity"
 * in the web page and the CLI: the office, an auditor, the most active county deputy, a busy
 * township deputy, the two units with the most suggestions to lead, and the clerk of the
 * busiest station. Each comes with what `duty-ledger token` needs (`role`, `sub`, `stationId`).
 */

export interface DemoIdentity {
  readonly role: Role;
  /** The JWT `sub`: the actor's id. */
  readonly sub: string;
  /** A clerk's station (the JWT `stationId` claim). */
  readonly stationId?: string;
  readonly name: string;
  readonly description: string;
}

export interface DemoIdentityCollector {
  observe(append: GeneratedAppend): void;
  identities(): DemoIdentity[];
}

const REGION = "K001";

const top = (counts: ReadonlyMap<string, number>, exclude: ReadonlySet<string> = new Set()): [string, number] | undefined => {
  let best: [string, number] | undefined;
  for (const [id, count] of counts) {
    if (exclude.has(id)) continue;
    if (best === undefined || count > best[1] || (count === best[1] && id < best[0])) best = [id, count];
  }
  return best;
};

const bump = (counts: Map<string, number>, id: string): void => {
  counts.set(id, (counts.get(id) ?? 0) + 1);
};

export const createDemoIdentityCollector = (): DemoIdentityCollector => {
  const mine = (id: string): boolean => id.includes(`-${REGION}-`);
  const names = new Map<string, string>();
  const levels = new Map<string, string>();
  const led = new Map<string, number>();
  const contacts = new Map<string, number>();
  const assigned = new Map<string, number>();
  const clerkContacts = new Map<string, number>();
  /** Everyone who wrote an event: a demo identity must find its own doings in the history. */
  const actors = new Set<string>();
  return {
    observe(append) {
      for (const event of append.events) {
        const data = event.data as Record<string, unknown>;
        actors.add(String((event.metadata.actor as { id?: unknown } | undefined)?.id));
        switch (event.type) {
          case "DeputyRegistered":
          case "UnitRegistered":
          case "StationRegistered": {
            const id = String(data["deputyId"] ?? data["unitId"] ?? data["stationId"]);
            if (!mine(id)) break;
            names.set(id, String(data["name"]));
            if (event.type === "DeputyRegistered") levels.set(id, String(data["level"]));
            break;
          }
          case "SuggestionSubmitted": {
            const lead = String(data["leadDeputyId"]);
            if (mine(lead)) bump(led, lead);
            break;
          }
          case "ContactRecorded": {
            for (const id of data["deputyIds"] as string[]) if (mine(id)) bump(contacts, id);
            const actor = event.metadata.actor as { role: string; stationId?: string };
            if (data["channel"] === "station" && actor.role === "clerk" && actor.stationId !== undefined && mine(actor.stationId)) bump(clerkContacts, actor.stationId);
            break;
          }
          case "SuggestionAssigned": {
            const unit = String(data["leadUnitId"]);
            if (mine(unit)) bump(assigned, unit);
            break;
          }
          default:
            break;
        }
      }
    },
    identities() {
      const result: DemoIdentity[] = [
        { role: "office", sub: `office-${REGION}`, name: "县人大常委会代表工作委员会", description: "performance-assessment office of county K001: registers, pre-reviews, assigns, watches deadlines, ranks units" },
        { role: "auditor", sub: `auditor-${REGION}`, name: "审计员", description: "reads and replays the whole log, verifies the hash chains" },
      ];
      const countyDeputies = new Map([...led].filter(([id]) => levels.get(id) === "county"));
      const deputy = top(countyDeputies);
      if (deputy !== undefined) {
        result.push({ role: "deputy", sub: deputy[0], name: names.get(deputy[0]) ?? deputy[0], description: `county deputy who led the most suggestions (${deputy[1]})` });
      }
      const township = top(new Map([...contacts].filter(([id]) => levels.get(id) === "township" && actors.has(id))));
      if (township !== undefined) {
        result.push({ role: "deputy", sub: township[0], name: names.get(township[0]) ?? township[0], description: `township deputy with the most contacts (${township[1]})` });
      }
      const first = top(assigned);
      const second = top(assigned, new Set(first === undefined ? [] : [first[0]]));
      for (const unit of [first, second]) {
        if (unit !== undefined) result.push({ role: "unit", sub: unit[0], name: names.get(unit[0]) ?? unit[0], description: `handling unit leading ${unit[1]} suggestions` });
      }
      const station = top(clerkContacts);
      if (station !== undefined) {
        result.push({ role: "clerk", sub: `clerk-${station[0]}`, stationId: station[0], name: `${names.get(station[0]) ?? station[0]}工作人员`, description: `clerk of the liaison station with the most receptions recorded (${station[1]})` });
      }
      return result;
    },
  };
};

/** The demo identities of a generated county (default: the county profile, seed 1). */
export const demoIdentities = (options: Partial<GenerateHistoryOptions> = {}): DemoIdentity[] => {
  const collector = createDemoIdentityCollector();
  for (const append of generateHistory({ profile: "county", seed: 1, ...options })) collector.observe(append);
  return collector.identities();
};
