import type { DeputyLevel } from "@duty-ledger/domain";
import {
  CITY_COUNTIES,
  CITY_MUNICIPAL_DEPUTIES,
  COUNTY_DEPUTIES_PER_COUNTY,
  COUNTY_SUGGESTIONS_PER_DEPUTY,
  EXTENSION_SHARE,
  LATE_REPLY_SHARE,
  MEAN_CONSULTATION_SHARE,
  MEAN_ONLINE_SHARE,
  MEAN_PLAN_SHARE,
  MEAN_PUBLICATION_SHARE,
  MEAN_SITE_VISIT_SHARE,
  MUNICIPAL_DEPUTIES_PER_COUNTY,
  MUNICIPAL_SUGGESTIONS_PER_DEPUTY,
  ONLINE_STATIONS_PER_STATION,
  PROVINCE_CITIES,
  PROVINCE_COUNTIES,
  PROVINCIAL_DEPUTIES,
  PROVINCIAL_SUGGESTIONS_PER_SESSION,
  REPLY_CATEGORIES,
  TOWNSHIP_DEPUTIES_PER_TOWNSHIP,
  TOWNSHIPS_PER_COUNTY,
  UNITS_PER_REGION,
  VILLAGE_ROOMS_PER_TOWNSHIP,
} from "./calibration.js";
import type { Random } from "./random.js";
import { placeName, UNIT_TEMPLATES } from "./vocabulary.js";

/**
 * The structure of a generated jurisdiction: regions (counties, cities, the province), their
 * townships, liaison stations, deputies and handling units. Deputies are numbered, not stored:
 * a deputy is `(region, index)`, its id `D-<region>-<nnnn>`; the plan keeps only which station
 * each one belongs to. Fictional names; sizes calibrated in calibration.ts.
 */

export const generatorProfiles = ["county", "city", "province"] as const;
export type GeneratorProfile = (typeof generatorProfiles)[number];

export type RegionLevel = "county" | "municipal" | "provincial";

export interface DeputyRef {
  readonly id: string;
  readonly region: RegionPlan;
  readonly index: number;
}

/** Whether the deputy makes suggestions to its region (county, municipal, provincial: not township). */
export const makesSuggestions = (deputy: DeputyRef): boolean => deputy.index < deputy.region.suggestionDeputies;

export type StationKind = "township" | "room" | "online";

export interface StationPlan {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly kind: StationKind;
  readonly county: RegionPlan;
  /** Index of the township in the county (-1 for online stations). */
  readonly township: number;
  /** Indices of the county's deputies based at this station. */
  readonly deputies: number[];
  /** Municipal and provincial deputies based at this (township) station. */
  readonly guests: DeputyRef[];
  /** Relative busyness of receptions (township stations are busier than village rooms). */
  readonly weight: number;
}

export interface UnitPlan {
  readonly id: string;
  readonly name: string;
  readonly topics: readonly string[];
  readonly region: RegionPlan;
  /** 0..1: how well this unit handles suggestions; its shares spread around the means with it. */
  readonly quality: number;
  readonly onlineShare: number;
  readonly planShare: number;
  readonly consultationShare: number;
  readonly siteVisitShare: number;
  readonly lateShare: number;
  readonly extensionShare: number;
  readonly categoryAShare: number;
  readonly publicationShare: number;
  /** Year for which the head-led and leadership-meeting steps were decided. */
  headLedDecidedYear: number;
  meetingDecidedYear: number;
}

export interface TownshipPlan {
  readonly name: string;
  readonly stationIndex: number;
  readonly firstDeputy: number;
  readonly deputyCount: number;
}

export interface RegionPlan {
  readonly code: string;
  readonly level: RegionLevel;
  /** e.g. `青山县` */
  readonly name: string;
  /** e.g. `白河市青山县` */
  readonly fullName: string;
  readonly officeId: string;
  readonly parent: RegionPlan | undefined;
  /** Deputies 0 … suggestionDeputies-1 are of this region's level (they make its suggestions). */
  readonly suggestionDeputies: number;
  readonly deputyCount: number;
  readonly townships: TownshipPlan[];
  readonly stations: StationPlan[];
  /** Station index of each deputy (counties only; -1 for none). */
  readonly deputyStation: Int32Array;
  /** For municipal and provincial deputies: their station. */
  readonly upperDeputyStations: StationPlan[];
  readonly units: UnitPlan[];
  /** Expected suggestions at one session. */
  readonly sessionSuggestions: number;
  /** Counties this region covers (itself for a county). */
  readonly counties: RegionPlan[];
}

export interface HistoryPlan {
  readonly profile: GeneratorProfile;
  readonly regions: readonly RegionPlan[];
  readonly counties: readonly RegionPlan[];
}

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

export const deputyIdOf = (region: RegionPlan, index: number): string => `D-${region.code}-${pad(index + 1, 4)}`;

/** The level of a region's deputy by index. */
export const deputyLevelOf = (region: RegionPlan, index: number): DeputyLevel => {
  switch (region.level) {
    case "county":
      return index < region.suggestionDeputies ? "county" : "township";
    case "municipal":
      return "municipal";
    case "provincial":
      return "provincial";
    default: {
      const _exhaustive: never = region.level;
      throw new Error(`unknown level ${String(_exhaustive)}`);
    }
  }
};

/** Unbiased rounding: floor(x), plus one with probability frac(x). */
const randomRound = (random: Random, x: number): number => {
  const floor = Math.floor(x);
  return floor + (random.chance(x - floor) ? 1 : 0);
};

const clamp01 = (x: number): number => Math.min(0.99, Math.max(0.01, x));

const buildUnits = (random: Random, region: RegionPlan, scale: number, prefix: string): UnitPlan[] => {
  const count = Math.min(UNIT_TEMPLATES.length, Math.max(6, randomRound(random, UNITS_PER_REGION * Math.min(1, scale))));
  return UNIT_TEMPLATES.slice(0, count).map((template, i) => {
    const quality = random.next();
    const spread = (mean: number, width: number): number => clamp01(mean + width * (quality - 0.5) + random.between(-0.03, 0.03));
    const categoryAShare = spread(REPLY_CATEGORIES.A, 0.15);
    return {
      id: `U-${region.code}-${pad(i + 1, 2)}`,
      name: `${prefix}${template.name}`,
      topics: template.topics,
      region,
      quality,
      onlineShare: spread(MEAN_ONLINE_SHARE, 0.4),
      planShare: spread(MEAN_PLAN_SHARE, 0.24),
      consultationShare: spread(MEAN_CONSULTATION_SHARE, 0.3),
      siteVisitShare: spread(MEAN_SITE_VISIT_SHARE, 0.3),
      lateShare: Math.max(0, LATE_REPLY_SHARE * 2 * (1 - quality)),
      extensionShare: EXTENSION_SHARE,
      categoryAShare,
      publicationShare: spread(MEAN_PUBLICATION_SHARE, 0.16),
      headLedDecidedYear: 0,
      meetingDecidedYear: 0,
    };
  });
};

interface MutableRegion extends RegionPlan {
  suggestionDeputies: number;
  deputyCount: number;
  deputyStation: Int32Array;
  units: UnitPlan[];
  sessionSuggestions: number;
  counties: RegionPlan[];
}

const emptyRegion = (code: string, level: RegionLevel, name: string, parent: RegionPlan | undefined): MutableRegion => ({
  code,
  level,
  name,
  fullName: parent === undefined ? name : `${parent.fullName}${name}`,
  officeId: `office-${code}`,
  parent,
  suggestionDeputies: 0,
  deputyCount: 0,
  townships: [],
  stations: [],
  deputyStation: new Int32Array(0),
  upperDeputyStations: [],
  units: [],
  sessionSuggestions: 0,
  counties: [],
});

const buildCounty = (random: Random, countyNumber: number, parent: RegionPlan | undefined, scale: number): RegionPlan => {
  const code = `K${pad(countyNumber, 3)}`;
  const county = emptyRegion(code, "county", `${placeName(countyNumber * 7 + 3)}县`, parent);
  const townshipCount = Math.max(1, randomRound(random, TOWNSHIPS_PER_COUNTY * scale));
  const countyDeputies = Math.max(5, randomRound(random, COUNTY_DEPUTIES_PER_COUNTY * scale));
  const deputyStation: number[] = new Array<number>(countyDeputies).fill(-1);
  let stationNumber = 0;
  const addStation = (kind: StationKind, name: string, regionName: string, township: number): StationPlan => {
    stationNumber++;
    const station: StationPlan = {
      id: `ST-${code}-${pad(stationNumber, 3)}`,
      name,
      region: regionName,
      kind,
      county,
      township,
      deputies: [],
      guests: [],
      weight: kind === "township" ? 2 : 1,
    };
    county.stations.push(station);
    return station;
  };
  for (let t = 0; t < townshipCount; t++) {
    const townshipName = `${placeName(countyNumber * 131 + t * 17 + 5)}${random.weighted([["镇", 6], ["乡", 3], ["街道", 1]] as const)}`;
    const region = `${county.fullName}${townshipName}`;
    const townshipStationIndex = county.stations.length;
    addStation("township", `${townshipName}人大代表联络站`, region, t);
    const rooms = [townshipStationIndex];
    const roomCount = randomRound(random, VILLAGE_ROOMS_PER_TOWNSHIP);
    for (let r = 0; r < roomCount; r++) {
      const village = `${placeName(countyNumber * 977 + t * 53 + r * 11 + 1)}${random.chance(0.85) ? "村" : "社区"}`;
      rooms.push(county.stations.length);
      addStation("room", `${townshipName}${village}人大代表联络室`, `${region}${village}`, t);
    }
    const deputies = randomRound(random, TOWNSHIP_DEPUTIES_PER_TOWNSHIP);
    const firstDeputy = deputyStation.length;
    for (let d = 0; d < deputies; d++) {
      const stationIndex = rooms[d % rooms.length] as number;
      (county.stations[stationIndex] as StationPlan).deputies.push(deputyStation.length);
      deputyStation.push(stationIndex);
    }
    county.townships.push({ name: townshipName, stationIndex: townshipStationIndex, firstDeputy, deputyCount: deputies });
  }
  // County deputies are elected in the townships: each is based at a township station.
  for (let d = 0; d < countyDeputies; d++) {
    const township = county.townships[d % townshipCount] as TownshipPlan;
    deputyStation[d] = township.stationIndex;
    (county.stations[township.stationIndex] as StationPlan).deputies.push(d);
  }
  const physical = county.stations.length;
  const online = Math.max(1, randomRound(random, physical * ONLINE_STATIONS_PER_STATION));
  for (let o = 0; o < online; o++) addStation("online", `${county.name}网上人大代表联络站${online > 1 ? `第${o + 1}站` : ""}`, county.fullName, -1);
  county.suggestionDeputies = countyDeputies;
  county.deputyCount = deputyStation.length;
  county.deputyStation = Int32Array.from(deputyStation);
  county.units = buildUnits(random, county, scale, county.name);
  county.sessionSuggestions = countyDeputies * COUNTY_SUGGESTIONS_PER_DEPUTY;
  county.counties = [county];
  return county;
};

/** Municipal or provincial deputies, each based at a township station of one of the counties. */
const attachUpperDeputies = (random: Random, region: MutableRegion, deputies: number): void => {
  const stations = region.counties.flatMap((county) => county.stations.filter((s) => s.kind === "township"));
  const offset = random.int(0, Math.max(0, stations.length - 1));
  for (let d = 0; d < deputies; d++) {
    const station = stations[(offset + d * 7) % stations.length] as StationPlan;
    station.guests.push({ id: deputyIdOf(region, d), region, index: d });
    region.upperDeputyStations.push(station);
  }
  region.suggestionDeputies = deputies;
  region.deputyCount = deputies;
};

const buildCity = (random: Random, cityNumber: number, parent: RegionPlan | undefined, countyNumbers: readonly number[], deputies: number, scale: number, suggestionsPerDeputy: number): MutableRegion => {
  const city = emptyRegion(`M${pad(cityNumber, 2)}`, "municipal", `${placeName(cityNumber * 29 + 600)}市`, parent);
  city.counties = countyNumbers.map((n) => buildCounty(random, n, city, scale));
  attachUpperDeputies(random, city, Math.max(5, randomRound(random, deputies * scale)));
  city.units = buildUnits(random, city, scale, "市");
  city.sessionSuggestions = city.suggestionDeputies * suggestionsPerDeputy;
  return city;
};

/** Builds the regions of a profile. Consumes `random` (a stream of its own, see generateHistory). */
export const buildHistoryPlan = (profile: GeneratorProfile, random: Random, scale: number): HistoryPlan => {
  if (!(scale > 0)) throw new RangeError(`scale must be > 0, got ${scale}`);
  switch (profile) {
    case "county": {
      const county = buildCounty(random, 1, undefined, scale);
      return { profile, regions: [county], counties: [county] };
    }
    case "city": {
      const numbers = Array.from({ length: CITY_COUNTIES }, (_, i) => i + 1);
      const city = buildCity(random, 1, undefined, numbers, CITY_MUNICIPAL_DEPUTIES, scale, MUNICIPAL_SUGGESTIONS_PER_DEPUTY);
      return { profile, regions: [...city.counties, city], counties: city.counties };
    }
    case "province": {
      const province = emptyRegion("P", "provincial", `${placeName(905)}省`, undefined);
      const cities: MutableRegion[] = [];
      let next = 1;
      for (let c = 0; c < PROVINCE_CITIES; c++) {
        const size = Math.floor(PROVINCE_COUNTIES / PROVINCE_CITIES) + (c < PROVINCE_COUNTIES % PROVINCE_CITIES ? 1 : 0);
        const numbers = Array.from({ length: size }, (_, i) => next + i);
        next += size;
        cities.push(buildCity(random, c + 1, province, numbers, MUNICIPAL_DEPUTIES_PER_COUNTY * size, scale, MUNICIPAL_SUGGESTIONS_PER_DEPUTY));
      }
      province.counties = cities.flatMap((city) => city.counties);
      attachUpperDeputies(random, province, Math.max(5, randomRound(random, PROVINCIAL_DEPUTIES * scale)));
      province.units = buildUnits(random, province, scale, "省");
      province.sessionSuggestions = PROVINCIAL_SUGGESTIONS_PER_SESSION * scale;
      return { profile, regions: [...province.counties, ...cities, province], counties: province.counties };
    }
    default: {
      const _exhaustive: never = profile;
      throw new Error(`unknown profile ${String(_exhaustive)}`);
    }
  }
};

/** The term label of a level's deputies in a year: `2021-2026` (county, township, municipal; provincial from 2023). */
export const termOf = (level: DeputyLevel, year: number): string => {
  const base = level === "provincial" || level === "national" ? 2023 : 2021;
  const start = base + Math.floor((year - base) / 5) * 5;
  return `${start}-${start + 5}`;
};
