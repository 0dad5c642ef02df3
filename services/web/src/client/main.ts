import "element-plus/theme-chalk/base.css";
import "./styles.css";
import { createApp } from "vue";
import { readAppConfig } from "./app-config.js";
import { translator } from "./i18n.js";
import { completeOidcSignIn } from "./oidc.js";
import { storedLanguage, storeToken } from "./session.js";
import App from "./shell/App.vue";
import { createPageI18n } from "./shell/i18n-setup.js";
import { createUnitNamesSource } from "./views/unit-names.js";

/**
 * The page's client: finishes an OIDC sign-in when the provider sent the reader back, then
 * mounts the Vue shell (`shell/App.vue`) on `#app`.
 */

/** How long the views share one read of the unit names (a unit renamed shows after this, or on reload). */
const UNIT_NAMES_MAX_AGE_MS = 5 * 60_000;

const start = async (): Promise<void> => {
  const root = document.getElementById("app");
  if (root === null) return;
  const config = readAppConfig(document);
  const language = storedLanguage();
  let message: string | undefined;
  if (config.oidc !== null) {
    try {
      const token = await completeOidcSignIn(config.oidc, new URL(location.href));
      if (token !== null) {
        storeToken(token);
        history.replaceState(null, "", "/");
      }
    } catch (error) {
      message = translator(language)("auth.oidcFailed", { reason: error instanceof Error ? error.message : String(error) });
      history.replaceState(null, "", "/");
    }
  }
  const i18n = createPageI18n(language);
  const app = createApp(App, { config, i18n, language, unitNames: createUnitNamesSource(UNIT_NAMES_MAX_AGE_MS), message });
  app.use(i18n);
  app.mount(root);
};

void start();
