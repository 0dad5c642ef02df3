import type { Random } from "./random.js";
import type { DeputyRef, RegionPlan, StationPlan } from "./region-plan.js";
import { placeName } from "./vocabulary.js";

/**
 * The places a suggestion names: the lead deputy's township (乡镇), villages of it (their
 * liaison rooms' villages), and a road, a school, a clinic, a river and a market drawn from
 * small lists built on those names, so that titles and replies name the county's own places.
 */

export interface SuggestionPlace {
  /** The county (`青山县`). */
  readonly county: string;
  /** The township (`白河镇`), and its name without 镇/乡/街道 (`白河`). */
  readonly town: string;
  readonly townShort: string;
  /** Two different villages or communities of the township (`龙溪村`, `金坪村`). */
  readonly village: string;
  readonly otherVillage: string;
  /** A villagers' group (`3组`). */
  readonly group: string;
  /** A street of the township's market town (`青山路`). */
  readonly street: string;
  /** A road through the township (`X041县道`, `白河至龙溪公路`). */
  readonly road: string;
  /** A school (`白河镇中心小学`), a clinic (`白河镇卫生院`), a river (`金河`), the market. */
  readonly school: string;
  readonly kindergarten: string;
  readonly clinic: string;
  readonly river: string;
  readonly market: string;
}

const TOWN_SUFFIXES = ["街道", "镇", "乡"] as const;
const ROOM_SUFFIX = "人大代表联络室";

const shortOf = (town: string): string => {
  for (const suffix of TOWN_SUFFIXES) if (town.endsWith(suffix)) return town.slice(0, -suffix.length);
  return town;
};

/** Villages of each township of a county, from its liaison rooms (cached per county). */
const villagesByCounty = new WeakMap<RegionPlan, string[][]>();

const villagesOf = (county: RegionPlan, township: number): readonly string[] => {
  let byTownship = villagesByCounty.get(county);
  if (byTownship === undefined) {
    byTownship = county.townships.map(() => []);
    for (const station of county.stations) {
      if (station.kind !== "room" || station.township < 0) continue;
      const town = county.townships[station.township]?.name ?? "";
      const village = station.name.slice(town.length, station.name.length - ROOM_SUFFIX.length);
      if (village.length > 0) byTownship[station.township]?.push(village);
    }
    villagesByCounty.set(county, byTownship);
  }
  return byTownship[township] ?? [];
};

/** The township station a deputy is based at (county deputies at their township; others at theirs). */
const stationOf = (deputy: DeputyRef): StationPlan | undefined => {
  const region = deputy.region;
  if (region.level === "county") {
    const index = region.deputyStation[deputy.index] ?? -1;
    return index >= 0 ? region.stations[index] : undefined;
  }
  return region.upperDeputyStations[deputy.index];
};

const villageShort = (village: string): string => (village.endsWith("社区") ? village.slice(0, -2) : village.endsWith("村") ? village.slice(0, -1) : village);

/** `金河`, never `长溪溪`: a name already ending in a water word keeps it. */
const riverName = (base: string, suffix: string): string => (/[河溪江港湖]$/.test(base) ? base : base + suffix);

/** A place for a suggestion of `lead`: its own township, mostly (a few suggestions concern another). */
export const placeFor = (random: Random, lead: DeputyRef): SuggestionPlace => {
  const own = stationOf(lead);
  const county = own?.county ?? lead.region.counties[0] ?? lead.region;
  const township = own !== undefined && own.township >= 0 && random.chance(0.85) ? own.township : random.int(0, Math.max(0, county.townships.length - 1));
  const town = county.townships[township]?.name ?? `${county.name.slice(0, 2)}镇`;
  const townShort = shortOf(town);
  const villages = villagesOf(county, township);
  const pair = villages.length >= 2 ? random.distinct(villages.length, 2).map((i) => villages[i] as string) : [];
  const village = pair[0] ?? `${placeName(random.int(0, 800))}村`;
  const otherVillage = pair[1] ?? `${placeName(random.int(801, 1600))}村`;
  const road = random.weighted([
    [`X${String(random.int(1, 199)).padStart(3, "0")}县道`, 3],
    [`S${random.int(201, 339)}省道`, 1],
    [`${townShort}至${villageShort(otherVillage)}公路`, 3],
    [`${villageShort(village)}至${villageShort(otherVillage)}通村公路`, 3],
  ] as const);
  return {
    county: county.name,
    town,
    townShort,
    village,
    otherVillage,
    group: `${random.int(1, 12)}组`,
    street: `${placeName(random.int(0, 900))}${random.pick(["路", "街", "巷"])}`,
    road,
    school: random.weighted([
      [`${town}中心小学`, 3],
      [`${town}中学`, 2],
      [`${villageShort(village)}小学`, 2],
      [`${county.name}第${"一二三四五六"[random.int(0, 5)] ?? "一"}中学`, 1],
    ] as const),
    kindergarten: random.chance(0.6) ? `${town}中心幼儿园` : `${villageShort(village)}幼儿园`,
    clinic: random.chance(0.6) ? `${town}卫生院` : `${village}卫生室`,
    river: riverName(placeName(random.int(0, 900)), random.pick(["河", "溪", "江", "港"])),
    market: `${townShort}农贸市场`,
  };
};
