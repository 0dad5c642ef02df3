/** Where the page keeps the token (this tab only: sessionStorage) and the language (localStorage). */
import type { Language } from "./i18n.js";

const TOKEN_KEY = "duty-ledger.token";
const LANGUAGE_KEY = "duty-ledger.language";

export const storedToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const storeToken = (token: string): void => sessionStorage.setItem(TOKEN_KEY, token);
export const forgetToken = (): void => sessionStorage.removeItem(TOKEN_KEY);

export const storedLanguage = (): Language => (localStorage.getItem(LANGUAGE_KEY) === "en" ? "en" : "zh-CN");
export const storeLanguage = (language: Language): void => localStorage.setItem(LANGUAGE_KEY, language);
