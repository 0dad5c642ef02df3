import type { Api } from "../api.js";
import type { AppConfig } from "../app-config.js";
import type { Translate } from "../i18n.js";
import type { Route } from "../routes.js";
import type { Claims } from "../token.js";
import type { UnitNames } from "../views/unit-names.js";

/**
 * What a view gets from the shell (a Vue page as its `context` prop; a legacy view as its
 * `ViewContext`, with `root` and `onLeave` added by `LegacyView`). One per shown view: after a
 * navigation, a language switch or a sign-out the shell makes a new one, and the calls of an
 * old one (`ready`, `failed`, `navigate`) are ignored.
 */
export interface PageContext {
  readonly api: Api;
  /** The reader's language's strings (the same tables as vue-i18n's `t`). */
  readonly t: Translate;
  readonly english: boolean;
  readonly claims: Claims;
  readonly route: Route;
  readonly config: AppConfig;
  /** Goes to `route` (renders it). */
  navigate(route: Route): void;
  /** Records `route` in the address bar without rendering again (the view updated itself). */
  remember(route: Route): void;
  /** Unit names by id (`GET /v1/units`, shared by the views of this sign-in); empty for a reader who may not read them. */
  unitNames(): Promise<UnitNames>;
  /** The view has loaded what it shows first: `<html data-ready="true">`. */
  ready(): void;
  /** The view could not load: the shell shows the error under it and sets `data-ready="error"`. */
  failed(error: unknown): void;
}
