import { createI18n, type MessageContext, type MessageFunction } from "vue-i18n";
import { fillIn, shellTables, type FeatureMessages, type Language, type MessageKey, type Translate } from "../i18n.js";

/**
 * vue-i18n over the tables of `i18n.ts` (the shell's from the start, each feature's merged in
 * by `addMessages` when its first page loads): the components' `t` and the legacy views' `t` read the
 * same strings, with the same flat keys (`"scores.title"`) and `{name}` placeholders. Each
 * string is given to vue-i18n as a message function, so its message compiler is left out of the
 * bundle (`__INTLIFY_DROP_MESSAGE_COMPILER__`): smaller, and no message is ever compiled in the
 * browser (the page's policy allows no eval anyway).
 */
const asFunctions = (table: Readonly<Record<string, string>>): Record<string, MessageFunction> =>
  Object.fromEntries(
    Object.entries(table).map(([key, text]) => [
      key,
      ((ctx: MessageContext) => text.replace(/\{(\w+)\}/g, (whole, name: string) => {
        const value: unknown = ctx.named(name);
        return value === undefined ? whole : String(value);
      })) as MessageFunction,
    ]),
  );

export const createPageI18n = (language: Language) =>
  createI18n({
    legacy: false,
    locale: language,
    fallbackLocale: "zh-CN",
    messages: { "zh-CN": asFunctions(shellTables["zh-CN"]), en: asFunctions(shellTables.en) },
    // Flat keys: a key is looked up as it is, never as a path of nested objects.
    messageResolver: (messages: unknown, path: string) => {
      const value = (messages as Readonly<Record<string, unknown>>)[path];
      return typeof value === "function" ? (value as MessageFunction) : null;
    },
    missingWarn: false,
    fallbackWarn: false,
  });

export type PageI18n = ReturnType<typeof createPageI18n>;

/** vue-i18n's `t`, typed by the keys of `i18n.ts` (reactive: it reads the current locale). */
export const typedT = (i18n: PageI18n): Translate => (key: MessageKey, params) => i18n.global.t(key, params ?? {});

/** Adds a feature's strings (`messages/<feature>.ts`) to both languages; adding them again changes nothing. */
export const addMessages = (i18n: PageI18n, messages: FeatureMessages): void => {
  i18n.global.mergeLocaleMessage("zh-CN", asFunctions(messages.zh));
  i18n.global.mergeLocaleMessage("en", asFunctions(messages.en));
};

/** The page's strings: the `t` of the shell and the pages, and how a feature's strings are added. */
export interface PageStrings {
  readonly t: Translate;
  readonly add: (messages: FeatureMessages) => void;
}

/**
 * `t` over plain tables (a lookup and the placeholders filled in: vue-i18n's `t` costs a message
 * context per call, which a table of 33 units × 10 columns felt), in the instance's current
 * language (read reactively); `add` puts a feature's strings in both, the tables and vue-i18n.
 */
export const createPageStrings = (i18n: PageI18n): PageStrings => {
  const tables: Record<Language, Record<string, string>> = { "zh-CN": { ...shellTables["zh-CN"] }, en: { ...shellTables.en } };
  return {
    t: (key, params) => {
      const language: Language = i18n.global.locale.value === "en" ? "en" : "zh-CN";
      return fillIn(tables[language][key] ?? tables["zh-CN"][key] ?? key, params);
    },
    add: (messages) => {
      Object.assign(tables["zh-CN"], messages.zh);
      Object.assign(tables.en, messages.en);
      addMessages(i18n, messages);
    },
  };
};
