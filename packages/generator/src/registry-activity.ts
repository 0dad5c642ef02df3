import { deciders, shanghaiYearOfInstant, type CommandActor } from "@duty-ledger/domain";
import { DEPUTY_CORRECTION_SHARE, STATION_CORRECTION_SHARE, UNIT_CORRECTION_SHARE } from "./calibration.js";
import { deputyIdOf, deputyLevelOf, termOf, type RegionPlan, type StationPlan, type UnitPlan } from "./region-plan.js";
import { addWorkingTime, DAY_MS, nextWorkingTime, SECOND_MS } from "./working-time.js";
import { newEntity } from "./simulation.js";
import { personName } from "./vocabulary.js";
import type { World } from "./world.js";

/**
 * Filling the registries: each region's office registers its stations, units and deputies
 * one after the other in working hours from `start`, and later corrects a few of them.
 * Returns when the last registration happens.
 */

type Registration = { kind: "station"; station: StationPlan } | { kind: "unit"; unit: UnitPlan } | { kind: "deputy"; index: number };

const registrationCount = (region: RegionPlan): number =>
  region.stations.length + region.units.length + region.deputyCount;

const registrationAt = (region: RegionPlan, i: number): Registration => {
  if (i < region.stations.length) return { kind: "station", station: region.stations[i] as StationPlan };
  const u = i - region.stations.length;
  if (u < region.units.length) return { kind: "unit", unit: region.units[u] as UnitPlan };
  return { kind: "deputy", index: u - region.units.length };
};

const constituencyOf = (region: RegionPlan, index: number): string => {
  switch (region.level) {
    case "county": {
      const stationIndex = region.deputyStation[index] ?? -1;
      const station = region.stations[stationIndex];
      const townshipNumber = index < region.suggestionDeputies ? index % Math.max(1, region.townships.length) : -1;
      if (townshipNumber >= 0) return `${region.townships[townshipNumber]?.name ?? region.name}第${Math.floor(index / region.townships.length) + 1}选区`;
      return `${station?.region.slice(region.fullName.length) ?? region.name}选区`;
    }
    case "municipal":
    case "provincial": {
      const station = region.upperDeputyStations[index];
      return `${station?.county.name ?? region.name}选举单位`;
    }
    default: {
      const _exhaustive: never = region.level;
      throw new Error(`unknown level ${String(_exhaustive)}`);
    }
  }
};

const stationIdOfDeputy = (region: RegionPlan, index: number): string | undefined => {
  if (region.level === "county") return region.stations[region.deputyStation[index] ?? -1]?.id;
  return region.upperDeputyStations[index]?.id;
};

/** Schedules the registrations of a region from `start`; returns the time of the last one. */
export const scheduleRegistrations = (world: Pick<World, "sim" | "random">, region: RegionPlan, start: number, perItemMs: number): number => {
  const { sim, random } = world;
  const office: CommandActor = { id: region.officeId, role: "office" };
  const total = registrationCount(region);

  const registerOne = (i: number): void => {
    const item = registrationAt(region, i);
    const metadata = sim.metadata(office);
    switch (item.kind) {
      case "station": {
        const { station } = item;
        const entity = newEntity(`station-${station.id}`, deciders.station.initialState);
        sim.decide(deciders.station, entity, { type: "RegisterStation", data: { stationId: station.id, name: station.name, region: station.region }, metadata });
        if (random.chance(STATION_CORRECTION_SHARE)) {
          sim.schedule(nextWorkingTime(sim.now + random.between(20, 300) * DAY_MS), () => {
            const name = station.kind === "online" ? `${station.name}（升级版）` : station.name.replace(/联络(站|室)$/, "之家");
            if (name === station.name) return;
            sim.decide(deciders.station, entity, {
              type: "CorrectStation",
              data: { stationId: station.id, name, reason: "规范化建设后更名", },
              metadata: sim.metadata(office),
            });
          });
        }
        return;
      }
      case "unit": {
        const { unit } = item;
        const entity = newEntity(`unit-${unit.id}`, deciders.unit.initialState);
        sim.decide(deciders.unit, entity, { type: "RegisterUnit", data: { unitId: unit.id, name: unit.name }, metadata });
        if (random.chance(UNIT_CORRECTION_SHARE)) {
          sim.schedule(nextWorkingTime(sim.now + random.between(30, 330) * DAY_MS), () => {
            sim.decide(deciders.unit, entity, {
              type: "CorrectUnit",
              data: { unitId: unit.id, name: `${unit.name}（机构改革后）`, reason: "机构改革，单位更名" },
              metadata: sim.metadata(office),
            });
          });
        }
        return;
      }
      case "deputy": {
        const { index } = item;
        const deputyId = deputyIdOf(region, index);
        const level = deputyLevelOf(region, index);
        const stationId = stationIdOfDeputy(region, index);
        const entity = newEntity(`deputy-${deputyId}`, deciders.deputy.initialState);
        const name = personName(random);
        sim.decide(deciders.deputy, entity, {
          type: "RegisterDeputy",
          data: {
            deputyId,
            name,
            level,
            term: termOf(level, shanghaiYearOfInstant(sim.now)),
            constituency: constituencyOf(region, index),
            ...(stationId === undefined ? {} : { stationId }),
          },
          metadata,
        });
        if (random.chance(DEPUTY_CORRECTION_SHARE)) {
          sim.schedule(nextWorkingTime(sim.now + random.between(3, 200) * DAY_MS), () => {
            const corrected = personName(random);
            if (corrected === name) return;
            sim.decide(deciders.deputy, entity, {
              type: "CorrectDeputy",
              data: { deputyId, name: corrected, reason: "姓名录入有误，予以更正" },
              metadata: sim.metadata(office),
            });
          });
        }
        return;
      }
      default: {
        const _exhaustive: never = item;
        throw new Error(`unknown registration ${JSON.stringify(_exhaustive)}`);
      }
    }
  };

  // One chained action per region: the next registration is scheduled by the previous one.
  const at = (i: number): number => addWorkingTime(start, i * perItemMs);
  const step = (i: number): void => {
    registerOne(i);
    if (i + 1 < total) sim.schedule(at(i + 1), () => step(i + 1));
  };
  if (total > 0) sim.schedule(at(0), () => step(0));
  return at(total) + SECOND_MS;
};
