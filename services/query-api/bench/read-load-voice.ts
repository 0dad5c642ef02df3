import { signToken } from "@duty-ledger/http-kit";
import { READ_LOAD_SECRET, type ReadLoadData } from "./read-load-data.js";

/**
 * The 听民意 reads of the read-load benchmark (issue 23): the opinions list as the office, the
 * unit with the most opinions referred to it and the clerk of the station with the most
 * referred opinions see it, each rotating through every page of every status of its view
 * (followed once before the load, `nextCursor` to `nextCursor`), and the station records of
 * every registered station in turn (as the office). The office reads pages of the default 100
 * opinions, the unit and the clerk pages of 10, so that theirs are paged too. The server keeps
 * pages while they hold (`opinions-cache.ts`), and the log does not change during the load: one
 * more run, not judged, asks the office's pages each as of an instant 1 ms before the previous
 * one (after the history), which no kept page serves — what a page costs when writes keep
 * moving the read models on.
 */

export interface LoadEndpoint {
  readonly name: string;
  readonly path: () => string;
  /** The goal applies to its fixed-rate run. */
  readonly goal: boolean;
  /** The caller's token when not the office's. */
  readonly token?: string;
  /**
   * How many different requests `path` turns through: the warm-up sends each once, so that the
   * timed runs find the read models in the OS's page cache, as a server that has run a while does.
   */
  readonly rotation?: number;
}

const statuses = [undefined, "open", "overdue", "answered", "closed"] as const;

/** At most this many pages of one status of a view (the office's list at the province has hundreds). */
const MAX_PAGES = 40;

/** The path of every page of the view, every status; and how many opinions they hold. */
const pagesOf = async (url: string, token: string, limit: number | undefined): Promise<{ paths: string[]; opinions: number }> => {
  const paths: string[] = [];
  let opinions = 0;
  for (const status of statuses) {
    const base = `/v1/opinions?${new URLSearchParams({ ...(status === undefined ? {} : { status }), ...(limit === undefined ? {} : { limit: String(limit) }) }).toString()}`;
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const path: string = cursor === null ? base : `${base}${base.endsWith("?") ? "" : "&"}cursor=${encodeURIComponent(cursor)}`;
      const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      const answer = (await response.json()) as { items: unknown[]; nextCursor: string | null };
      paths.push(path);
      if (status === undefined) opinions += answer.items.length;
      cursor = answer.nextCursor;
      if (cursor === null) break;
    }
  }
  return { paths, opinions };
};

const rotating = (paths: readonly string[]): (() => string) => {
  let next = 0;
  return () => paths[next++ % paths.length] as string;
};

/** The paths in turn, each as of 1 ms before the previous request's `asOf`. */
const uncached = (paths: readonly string[], from: number): (() => string) => {
  let next = 0;
  return () => {
    const path = paths[next % paths.length] as string;
    const asOf = new Date(from - next++).toISOString();
    return `${path}${path.endsWith("?") ? "" : "&"}asOf=${encodeURIComponent(asOf)}`;
  };
};

export const voiceEndpoints = async (url: string, data: ReadLoadData, officeToken: string): Promise<{ endpoints: LoadEndpoint[]; summary: string }> => {
  const sign = (sub: string, role: "unit" | "clerk", stationId?: string): Promise<string> =>
    signToken({ secret: READ_LOAD_SECRET, sub, role, ...(stationId === undefined ? {} : { stationId }), expiresIn: "2h" });
  const unitToken = await sign(data.busiestUnitId, "unit");
  const clerkToken = await sign(`clerk-${data.busiestStationId}`, "clerk", data.busiestStationId);
  const office = await pagesOf(url, officeToken, undefined);
  const unit = await pagesOf(url, unitToken, 10);
  const clerk = await pagesOf(url, clerkToken, 10);
  const stations = data.stationIds;
  let station = 0;
  const endpoints: LoadEndpoint[] = [
    { name: `GET /v1/opinions as the office (${office.paths.length} pages of 100 in turn)`, path: rotating(office.paths), goal: true, rotation: office.paths.length },
    {
      name: `GET /v1/opinions as the office, each as of another instant (uncached, not judged)`,
      path: uncached(office.paths, Date.now() - 86_400_000),
      goal: false,
    },
    { name: `GET /v1/opinions as unit ${data.busiestUnitId} (${unit.paths.length} pages of 10 in turn)`, path: rotating(unit.paths), goal: true, token: unitToken, rotation: unit.paths.length },
    { name: `GET /v1/opinions as the clerk of ${data.busiestStationId} (${clerk.paths.length} pages of 10 in turn)`, path: rotating(clerk.paths), goal: true, token: clerkToken, rotation: clerk.paths.length },
    {
      name: `GET /v1/stations/:id/record?year=${data.year} (${stations.length} stations in turn)`,
      path: () => `/v1/stations/${encodeURIComponent(stations[station++ % stations.length] as string)}/record?year=${data.year}`,
      goal: true,
      rotation: stations.length,
    },
  ];
  const summary = `opinions listed: ${office.opinions} in the office's view (at most ${MAX_PAGES} pages), ${unit.opinions} referred to ${data.busiestUnitId}, ${clerk.opinions} gathered at ${data.busiestStationId}; ${stations.length} stations`;
  return { endpoints, summary };
};
