/** The page's places, in the URL's hash: `#/scores?period=2024`, `#/suggestion/S-1`. */
import type { Role } from "./token.js";

export const viewNames = ["record", "deputies", "scores", "watch", "unit", "suggestion", "nothing", "our-suggestions", "station", "audit", "livelihood", "desk", "rankings", "handle", "station-ranking"] as const;
export type ViewName = (typeof viewNames)[number];

export interface Route {
  readonly view: ViewName;
  /** The path's id (`#/suggestion/<id>`). */
  readonly id?: string | undefined;
  readonly params: Readonly<Record<string, string>>;
}

const isViewName = (value: string): value is ViewName => (viewNames as readonly string[]).includes(value);

export const parseRoute = (hash: string): Route | null => {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  const [path = "", query = ""] = text.split("?", 2);
  const [view = "", id] = path.replace(/^\/+/, "").split("/", 2).map((part) => decodeURIComponent(part));
  if (!isViewName(view)) return null;
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(query)) if (value !== "") params[key] = value;
  return { view, id: id === undefined || id === "" ? undefined : id, params };
};

export const routeHash = (route: Route): string => {
  const path = route.id === undefined ? `#/${route.view}` : `#/${route.view}/${encodeURIComponent(route.id)}`;
  const query = new URLSearchParams(Object.entries(route.params).filter(([, v]) => v !== "")).toString();
  return query === "" ? path : `${path}?${query}`;
};

/**
 * The sections each role may read (api-v1.md's read side): a deputy their own record; a unit
 * its own suggestions; the office and the auditor the scores and any deputy's record; the
 * office the deadline watch. A suggestion's page is open to those the API lets read it.
 */
export const navFor = (role: Role): readonly ViewName[] => {
  switch (role) {
    case "deputy":
      return ["record", "livelihood"];
    case "office":
      return ["scores", "watch", "deputies", "livelihood", "desk", "rankings", "station-ranking"];
    case "auditor":
      return ["scores", "deputies", "audit", "livelihood"];
    case "unit":
      // Lands on its own list (the suggestions it leads or co-handles); the desk by year second.
      return ["our-suggestions", "unit", "livelihood"];
    case "clerk":
      // The station's desk (receptions, 转办, the constituents' feedback), then 票决 (attendance).
      return ["station", "livelihood"];
    default: {
      const _exhaustive: never = role;
      throw new Error(`unknown role ${String(_exhaustive)}`);
    }
  }
};

export const mayOpen = (role: Role, view: ViewName): boolean =>
  view === "suggestion" ? role !== "clerk" : view === "nothing" ? role === "clerk" : view === "handle" ? role === "office" : navFor(role).includes(view);

export const homeOf = (role: Role): Route => ({ view: navFor(role)[0] ?? "nothing", params: {} });
