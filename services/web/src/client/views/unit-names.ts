import { answerOf, type Api } from "../api.js";
import { h, type Child } from "../dom.js";
import type { Role } from "../token.js";

/**
 * Units by name: the registered names of `GET /v1/units`, read once for the views of a sign-in
 * (again after `maxAgeMs`), and the markup that shows a unit as its name with the id small
 * beside it (as text: names come from the API). A unit without a registered name — or a reader
 * who may not read the list — sees ids.
 */

/** Unit names by unit id; empty when the list is not read or cannot be read. */
export type UnitNames = ReadonlyMap<string, string>;

export const noUnitNames: UnitNames = new Map();

/** Whether `role` may read `GET /v1/units` (every role: units' names are public administrative data; a deputy reads who handles its suggestions). */
const mayListUnits = (role: Role): boolean => {
  switch (role) {
    case "office":
    case "auditor":
    case "unit":
    case "clerk":
    case "deputy":
      return true;
    default: {
      const _exhaustive: never = role;
      throw new Error(`unknown role ${String(_exhaustive)}`);
    }
  }
};

/** The registered names, or `null` when the list cannot be read. */
const readUnitNames = async (api: Api): Promise<UnitNames | null> => {
  try {
    const answer = await answerOf(api.GET("/v1/units"));
    return new Map(answer.units.map((unit) => [unit.unitId, unit.name]));
  } catch {
    return null;
  }
};

/** The unit names the views share. */
export interface UnitNamesSource {
  /**
   * The names for a reader of `role` signed in with `token`: no request for a role the API
   * refuses; never rejects (a failure means ids, and is not kept: the next view asks again).
   */
  names(api: Api, role: Role, token: string): Promise<UnitNames>;
}

/**
 * Names read once and kept for `maxAgeMs` per sign-in: a province has about 5 000 units, so
 * the list (a few hundred KiB) is not read again on every view. A new token reads it again.
 */
export const createUnitNamesSource = (maxAgeMs: number, now: () => number = Date.now): UnitNamesSource => {
  let kept: { readonly token: string; readonly at: number; readonly names: Promise<UnitNames | null> } | undefined;
  return {
    names: async (api, role, token) => {
      if (!mayListUnits(role)) return noUnitNames;
      if (kept === undefined || kept.token !== token || now() - kept.at > maxAgeMs) kept = { token, at: now(), names: readUnitNames(api) };
      const reading = kept;
      const names = await reading.names;
      if (names !== null) return names;
      if (kept === reading) kept = undefined;
      return noUnitNames;
    },
  };
};

/** The unit's id, small (beside its name). */
export const unitIdBeside = (unitId: string): HTMLElement => h("small", { class: "muted unit-id", text: unitId });

/** The unit's name with its id small beside it, or `fallback` (the id as text unless given). */
export const unitLabel = (names: UnitNames, unitId: string, fallback: Child = unitId): Child => {
  const name = names.get(unitId);
  return name === undefined ? fallback : [h("span", { class: "unit-name", text: name }), " ", unitIdBeside(unitId)];
};

/** Several units, separated by `separator`, each as `unitLabel`. */
export const unitLabels = (names: UnitNames, unitIds: readonly string[], separator: string): Child[] =>
  unitIds.flatMap((unitId, i) => (i === 0 ? [unitLabel(names, unitId)] : [separator, unitLabel(names, unitId)]));
