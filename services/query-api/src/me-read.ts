import { principalOf, type Principal } from "@duty-ledger/http-kit";
import type { DeputyLevel } from "@duty-ledger/domain";
import type { ReadModels } from "@duty-ledger/projections";
import type { RequestHandler, Router } from "express";
import { catchUp } from "./catch-up.js";
import type { ProjectorView } from "./projector-view.js";
import { queryOf, readQuery } from "./query-params.js";

/** `GET /v1/me?minPosition=` */
export const meQuery = readQuery({});

export interface MeAnswer {
  readonly role: Principal["role"];
  readonly id: string;
  /** The deputy's or the unit's registered name; `null` for the other roles, or when not registered. */
  readonly name: string | null;
  /** A deputy's level; `null` otherwise. */
  readonly level: DeputyLevel | null;
  /** The clerk's station (the token's), a deputy's station (the registry's); `null` otherwise. */
  readonly stationId: string | null;
  /** That station's registered name; `null` when none. */
  readonly stationName: string | null;
}

export interface MeReadOptions {
  readonly readModels: ReadModels;
  readonly projector: ProjectorView;
  readonly authenticated: readonly RequestHandler[];
  readonly timeoutMs: number;
}

/** Who the token names, by name, from the registries (one document read or two). */
export const meOf = async (readModels: ReadModels, principal: Principal): Promise<MeAnswer> => {
  const base = { role: principal.role, id: principal.id, name: null, level: null, stationId: null, stationName: null };
  const stationName = async (stationId: string | null): Promise<string | null> => (stationId === null ? null : ((await readModels.getStationEntry(stationId))?.name ?? null));
  switch (principal.role) {
    case "deputy": {
      const deputy = await readModels.getDeputyEntry(principal.id);
      if (deputy === null) return base;
      return { ...base, name: deputy.name, level: deputy.level, stationId: deputy.stationId, stationName: await stationName(deputy.stationId) };
    }
    case "unit":
      return { ...base, name: (await readModels.getUnitEntry(principal.id))?.name ?? null };
    case "clerk": {
      const stationId = principal.stationId ?? null;
      return { ...base, stationId, stationName: await stationName(stationId) };
    }
    case "office":
    case "auditor":
      return base;
    default: {
      const _exhaustive: never = principal.role;
      throw new Error(`unknown role ${String(_exhaustive)}`);
    }
  }
};

/**
 * Added to api-v1: `GET /v1/me`, every role: who the token names, by name (the page's top bar).
 * Only the caller's own entry; the ledger knows no office's or auditor's name (their role alone).
 */
export const addMeRead = (router: Router, options: MeReadOptions): void => {
  const { readModels, projector, timeoutMs } = options;
  router.get("/v1/me", ...options.authenticated, async (req, res) => {
    const query = queryOf(meQuery, req);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    res.setHeader("Cache-Control", "private, no-store");
    res.json(await meOf(readModels, principalOf(req)));
  });
};
