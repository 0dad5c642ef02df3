import type { AnswerOf } from "../../api-answers.js";
import { fromLocalDateTime, localDateTimeValue } from "../../format.js";

/** The station desk's data: the station's record, its referred opinions, and those not referred yet. */

export type StationRecord = AnswerOf<"/v1/stations/{id}/record">;
export type OpinionsAnswer = AnswerOf<"/v1/opinions">;
export type OpinionItem = OpinionsAnswer["items"][number];
export type OpinionStatus = OpinionItem["status"];
export const opinionStatuses: readonly OpinionStatus[] = ["open", "overdue", "answered", "closed"];
export const channels = ["station", "visit", "online", "hotline", "survey"] as const;
export type Channel = (typeof channels)[number];

/** An opinion of the station not yet referred (`GET /v1/stations/:id/opinions?referred=false`). */
export interface PendingOpinion {
  readonly contactId: string;
  readonly opinionId: string;
  readonly text: string;
  readonly occurredAt: string;
}

/** A new id with `prefix`: the time and a random tail (the page names what it records, so a resend is the same write). */
export const newId = (prefix: string): string => `${prefix}-${Date.now().toString(36).toUpperCase()}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;

/** The date-time picker's value for now (browser time, `YYYY-MM-DDTHH:mm:ss`). */
export const nowPickerValue = (): string => `${localDateTimeValue(new Date())}:00`;

/** A picker value as the instant the API takes (ISO 8601 with offset), or "" (the server then names the field). */
export const instantOf = (value: string | null | undefined): string => (value === null || value === undefined || value === "" ? "" : fromLocalDateTime(value) ?? value);

/** A `YYYY-MM-DD` due date as the end of that day in Asia/Shanghai, or undefined when empty. */
export const dueInstantOf = (date: string | null | undefined): string | undefined => (date === null || date === undefined || date === "" ? undefined : `${date}T18:00:00+08:00`);
