import type { TestQuerySide } from "./test-query-side.test-support.js";

/**
 * The suggestions behind the watch-list tests (GET /v1/suggestions and GET
 * /v1/units/:id/suggestions). Due dates of the default policy: assigned 2024-03-05 → due
 * 2024-06-05 end of day (complex: 2024-09-05); the unsatisfied evaluation of 2024-05-01 →
 * re-handling due 2024-06-01 end of day.
 *
 * - W-1: U-1 leads, assigned, no reply;     W-2: U-2 leads with U-1 as co-unit, complex;
 * - W-3: U-1, replied;                       W-4: U-1, replied and evaluated satisfied (closed);
 * - W-5: U-1, replied, evaluated unsatisfied (re-handling).
 */
export const may25 = "2024-05-25T12:00:00+08:00";
export const june3 = "2024-06-03T12:00:00+08:00";
export const june10 = "2024-06-10T12:00:00+08:00";

export interface WatchWorldTokens {
  readonly office: string;
  /** Deputy D-1, who submits every suggestion. */
  readonly d1: string;
  /** Unit U-1, who replies. */
  readonly u1: string;
}

/** Registers D-1, U-1 (县交通运输局), U-2 (县住建局) and writes W-1…W-5; returns the re-handling due date W-5's evaluation set. */
export const writeWatchWorld = async (side: TestQuerySide, { office, d1, u1 }: WatchWorldTokens): Promise<{ readonly rehandleDueAt: string }> => {
  const assigned = async (id: string, leadUnitId: string, coUnitIds: string[], complex: boolean): Promise<void> => {
    await side.write("/v1/suggestions", d1, {
      suggestionId: id,
      leadDeputyId: "D-1",
      coSignerIds: [],
      title: `建议 ${id}`,
      body: "建议内容。",
      phase: "session",
      session: "2024",
      submittedAt: "2024-03-01T09:00:00+08:00",
    });
    await side.write(`/v1/suggestions/${id}/pre-review`, office, { outcome: "accept", reason: "符合要求", reviewedAt: "2024-03-02T09:00:00+08:00" });
    await side.write(`/v1/suggestions/${id}/assignment`, office, { leadUnitId, coUnitIds, assignedAt: "2024-03-05T09:00:00+08:00", complex });
  };
  const reply = (id: string) =>
    side.write(`/v1/suggestions/${id}/reply`, u1, { unitId: "U-1", category: "B", repliedAt: "2024-04-01T09:00:00+08:00", text: "正在解决。" });

  await side.write("/v1/deputies", office, { deputyId: "D-1", name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇" });
  await side.write("/v1/units", office, { unitId: "U-1", name: "县交通运输局" });
  await side.write("/v1/units", office, { unitId: "U-2", name: "县住建局" });
  await assigned("W-1", "U-1", [], false);
  await assigned("W-2", "U-2", ["U-1"], true);
  await assigned("W-3", "U-1", [], false);
  await reply("W-3");
  await assigned("W-4", "U-1", [], false);
  await reply("W-4");
  await side.write("/v1/suggestions/W-4/evaluation", d1, { rating: "satisfied", evaluatedAt: "2024-04-10T09:00:00+08:00" });
  await assigned("W-5", "U-1", [], false);
  await reply("W-5");
  const evaluation = await side.write("/v1/suggestions/W-5/evaluation", d1, { rating: "unsatisfied", evaluatedAt: "2024-05-01T09:00:00+08:00" });
  return { rehandleDueAt: evaluation["rehandleDueAt"] as string };
};
