import { PersonalDataInFreeTextError, type FieldError } from "./errors.js";

/**
 * Free text stays free of personal data (personal-data.md): a mainland mobile number (`1[3-9]`
 * and 9 more digits) or an 18-character resident ID number (6-digit region, birth date
 * YYYYMMDD, 3 digits, a check digit or X) anywhere in a string of a write body is refused —
 * the number belongs in `people`, where it is encrypted under the person's own key.
 *
 * Every string of the body is free text for this rule except the `people` entries themselves:
 * ids, reasons, titles, urls alike, so that no field is an unwatched way in. Digits run together
 * count (`138 1234 5678` is not a run; `13812345678` is); a longer run of digits is not a number
 * of either kind (an amount, a register number).
 */

const mobile = /(?<!\d)1[3-9]\d{9}(?!\d)/u;
const residentId = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/u;

/** What a string carries: `"a mobile number"`, `"a resident ID number"`, or undefined. */
export const personalDataIn = (text: string): string | undefined => {
  if (mobile.test(text)) return "a mobile number";
  if (residentId.test(text)) return "a resident ID number";
  return undefined;
};

/** The field that holds the people of a contact or opinion: not free text. */
export const PEOPLE_FIELD = "people";

const walk = (value: unknown, path: string, found: FieldError[]): void => {
  if (typeof value === "string") {
    const kind = personalDataIn(value);
    if (kind !== undefined) found.push({ path, message: `carries ${kind}: name the person in \`people\` instead` });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, path === "" ? String(index) : `${path}.${index}`, found));
    return;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key === PEOPLE_FIELD) continue;
      walk(item, path === "" ? key : `${path}.${key}`, found);
    }
  }
};

/** Every field of `body` (outside `people`) whose text carries a phone or resident ID number. */
export const personalDataFields = (body: unknown): FieldError[] => {
  const found: FieldError[] = [];
  walk(body, "", found);
  return found;
};

/** Refuses a body whose free text carries personal data: 422 `personal-data-in-free-text`, naming each field. */
export const requireNoPersonalDataInText = (body: unknown): void => {
  const errors = personalDataFields(body);
  if (errors.length > 0) {
    throw new PersonalDataInFreeTextError(
      `free text carries personal data (${errors.map((error) => error.path).join(", ")}): name people in \`people\`, where they are encrypted`,
      { errors },
    );
  }
};
