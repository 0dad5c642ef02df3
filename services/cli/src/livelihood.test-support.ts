// A livelihood programme written through the real all-in-one server, for the HTTP specs (excluded from the build).
import type { ApiTarget } from "@duty-ledger/testing";
import { expect } from "vitest";
import type { AllInOne } from "./all-in-one.test-support.js";

export const started = Date.now();
/** An instant `hours` before the test started (claimed times inside the default grace, P3D). */
export const ago = (hours: number): string => new Date(started - hours * 3_600_000).toISOString();

export const targetOf = (server: AllInOne): ApiTarget => ({ baseUrl: server.url, headPosition: () => server.store.headPosition() });

export interface Sent {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly text: string;
}

export const send = async (server: AllInOne, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<Sent> => {
  const response = await fetch(`${server.url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text.length === 0 ? {} : JSON.parse(text)) as Record<string, unknown>, text };
};

export const written = async (server: AllInOne, path: string, token: string, body: unknown): Promise<Record<string, unknown>> => {
  const response = await send(server, path, token, body);
  expect(response.status, `${path}: ${response.text}`).toBe(201);
  return response.body;
};

export const DEPUTIES = ["D-1", "D-2", "D-3", "D-4", "D-5"];

/** Registers the unit U-1, U-2 and the deputies D-1 … D-5. */
export const registerPeople = async (server: AllInOne, office: string): Promise<void> => {
  for (const unitId of ["U-1", "U-2"]) await written(server, "/v1/units", office, { unitId, name: `单位 ${unitId}` });
  for (const deputyId of DEPUTIES) {
    await written(server, "/v1/deputies", office, { deputyId, name: `代表 ${deputyId}`, level: "county", term: "2021-2026", constituency: "第一选区" });
  }
};

export const programmeBody = (programmeId: string, year = 2026) => ({
  programmeId,
  title: `${year} 年民生实事项目`,
  year,
  session: String(year),
  slots: 2,
  electorateSize: 5,
  collectUntil: new Date(started + 24 * 3_600_000).toISOString(),
});

export const candidateBody = (candidateId: string, responsibleUnitId = "U-1") => ({
  candidateId,
  title: `项目 ${candidateId}`,
  description: "村道硬化、学校食堂、卫生院",
  proposedBy: { kind: "public" },
  estimatedBudgetYuan: 12_000_000,
  responsibleUnitId,
});

export const ballot = (choices: Record<string, "yes" | "no" | "abstain">) => ({ choices });

/**
 * Opens a programme of 2 slots and 5 deputies, proposes C-1 … C-3 (C-3 by deputy D-1),
 * shortlists the three, records D-1 … D-4 present, counts two boxes (one ballot naming a
 * candidate not shortlisted) and closes the vote: C-1 and C-2 adopted with 3 yes each.
 */
export const votedProgramme = async (server: AllInOne, office: string, deputy1: string, programmeId: string, prefix = ""): Promise<void> => {
  const base = `/v1/livelihood/programmes/${programmeId}`;
  await written(server, "/v1/livelihood/programmes", office, programmeBody(programmeId));
  await written(server, `${base}/candidates`, office, candidateBody(`${prefix}C-1`));
  await written(server, `${base}/candidates`, office, candidateBody(`${prefix}C-2`, "U-2"));
  await written(server, `${base}/candidates`, deputy1, { ...candidateBody(`${prefix}C-3`), proposedBy: { kind: "deputy", id: "D-1" } });
  await written(server, `${base}/shortlist`, office, { candidateIds: [`${prefix}C-1`, `${prefix}C-2`, `${prefix}C-3`], decidedAt: ago(2), reason: "代表联名与政府部门论证" });
  await written(server, `${base}/attendance`, office, { deputyIds: DEPUTIES.slice(0, 4), at: ago(1.5) });
  const c = (id: string) => `${prefix}${id}`;
  await written(server, `${base}/ballot-boxes`, office, {
    boxId: "B-1",
    countedAt: ago(1),
    ballots: [ballot({ [c("C-1")]: "yes", [c("C-2")]: "yes", [c("C-3")]: "no" }), ballot({ [c("C-1")]: "yes", [c("C-2")]: "yes", [c("C-3")]: "no" }), ballot({ [c("C-1")]: "yes", "C-X": "yes" })],
    invalid: 0,
  });
  await written(server, `${base}/ballot-boxes`, office, { boxId: "B-2", countedAt: ago(1), ballots: [ballot({ [c("C-1")]: "yes", [c("C-2")]: "yes", [c("C-3")]: "abstain" })], invalid: 0 });
  await written(server, `${base}/close-vote`, office, { closedAt: ago(0.5) });
};
