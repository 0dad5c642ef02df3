import type { Api } from "./api.js";
import type { AppConfig } from "./app-config.js";
import type { Translate } from "./i18n.js";
import type { Route } from "./routes.js";
import type { Claims } from "./token.js";
import type { UnitNames } from "./views/unit-names.js";

/** What a view gets to render itself into `root`. */
export interface ViewContext {
  readonly api: Api;
  readonly t: Translate;
  readonly english: boolean;
  readonly claims: Claims;
  readonly route: Route;
  readonly config: AppConfig;
  readonly root: HTMLElement;
  /** Goes to `route` (renders it). */
  navigate(route: Route): void;
  /** Records `route` in the address bar and history without rendering again (the view updated itself). */
  remember(route: Route): void;
  /** Runs `cleanup` when the page leaves this view (e.g. to dispose of a chart). */
  onLeave(cleanup: () => void): void;
  /** Unit names by id (`GET /v1/units`, shared by the views of this sign-in); empty for a reader who may not read them. */
  unitNames(): Promise<UnitNames>;
}

export type View = (context: ViewContext) => Promise<void>;
