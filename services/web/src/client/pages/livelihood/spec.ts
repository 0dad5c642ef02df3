import { isoWithOffset, todayInShanghai } from "../../format.js";
import type { MessageKey } from "../../i18n.js";

/**
 * The livelihood forms as data: each a list of fields and how to send them, shown by
 * `SpecForm.vue` (one component for the programme's dozen acts, so each stays a few lines).
 * `day` is an act's day (today: now; an earlier day: noon in Shanghai), `deadline` a day's end.
 */
export type FieldKind = "text" | "textarea" | "number" | "day" | "deadline" | "select" | "multi" | "tags" | "radio";

export interface FieldSpec {
  readonly name: string;
  readonly label: MessageKey;
  readonly labelParams?: Readonly<Record<string, string | number>>;
  readonly kind: FieldKind;
  readonly options?: readonly { readonly value: string; readonly label: string; readonly hint?: string }[];
  /** The field's first value; a function is called on each (re)start of the form (new ids). */
  readonly initial?: unknown;
}

export type Values = Record<string, unknown>;

export interface FormSpec {
  readonly id: string;
  readonly title: MessageKey;
  readonly fields: readonly FieldSpec[];
  /** Asks first (irreversible acts): the question's key. */
  readonly confirm?: MessageKey;
  /** Sends the values; the write's position. A problem thrown is shown at its fields. */
  send(values: Values): Promise<{ readonly position: number; readonly id?: string }>;
}

/** An act's day as the instant sent: now when it is today (Shanghai), else noon that day. */
export const dayInstant = (day: unknown, now = new Date()): string => {
  const text = typeof day === "string" ? day : "";
  if (text === "") return "";
  return text === todayInShanghai(now) ? isoWithOffset(now) : `${text}T12:00:00+08:00`;
};

/** A deadline day as the instant sent: the end of that day in Shanghai. */
export const deadlineInstant = (day: unknown): string => (typeof day === "string" && day !== "" ? `${day}T23:59:59+08:00` : "");

export const text = (value: unknown): string => (typeof value === "string" ? value.trim() : "");
export const num = (value: unknown): number => (typeof value === "number" ? value : Number.NaN);
export const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** Initial values of a form: each field's `initial`, else empty. */
export const initialValues = (spec: FormSpec): Values =>
  Object.fromEntries(spec.fields.map((field) => [field.name, (typeof field.initial === "function" ? (field.initial as () => unknown)() : field.initial) ?? (field.kind === "multi" || field.kind === "tags" ? [] : field.kind === "number" ? undefined : field.kind === "day" ? todayInShanghai() : "")]));
