import type { DemoIdentitiesAnswer } from "../../demo-identity.js";
import { ApiError } from "../api.js";
import type { AppConfig } from "../app-config.js";
import { field, formValue, h, render } from "../dom.js";
import type { MessageKey, Translate } from "../i18n.js";
import { beginOidcSignIn } from "../oidc.js";
import { isExpired, readClaims, roles, type TokenProblem } from "../token.js";
import { card, errorBox } from "./common.js";

/** The demo's identities (served by the page's server in demo mode, not part of the API document). */
const demoIdentities = async (): Promise<DemoIdentitiesAnswer> => {
  const response = await fetch("/v1/demo/identities", { headers: { Accept: "application/json" }, cache: "no-store" });
  if (!response.ok) throw new ApiError(response.status, null, response.statusText);
  return (await response.json()) as DemoIdentitiesAnswer;
};

/**
 * Sign-in: with the OIDC provider when one is configured; by pasting a token printed by
 * `duty-ledger token`; on the demo store, by picking a demo identity.
 */

export interface SignInOptions {
  readonly root: HTMLElement;
  readonly t: Translate;
  readonly config: AppConfig;
  /** Shown above the forms (e.g. why the reader was signed out). */
  readonly message?: string | undefined;
  readonly onToken: (token: string) => void;
}

const problemKeys: Readonly<Record<TokenProblem, MessageKey>> = { format: "auth.reasonFormat", role: "auth.reasonRole", sub: "auth.reasonSub" };

const roleLabel = (t: Translate, role: string): string => ((roles as readonly string[]).includes(role) ? t(`role.${role as (typeof roles)[number]}`) : role);

export const signInView = async (options: SignInOptions): Promise<void> => {
  const { t, config, root } = options;
  const status = h("div", { class: "form-status" });
  const fail = (error: unknown): void => render(status, errorBox(t, error));

  const tokenForm = h(
    "form",
    {
      class: "token-form",
      data: { form: "token" },
      onSubmit: (event) => {
        event.preventDefault();
        const token = formValue(event.target as HTMLFormElement, "token").trim();
        const read = readClaims(token);
        if (!read.ok) {
          fail(new Error(t("auth.badToken", { reason: t(problemKeys[read.problem]) })));
          return;
        }
        if (isExpired(read.claims, Date.now())) {
          fail(new Error(t("auth.expired")));
          return;
        }
        options.onToken(token);
      },
    },
    field(t("auth.tokenLabel"), h("textarea", { attrs: { name: "token", rows: 4, required: true, spellcheck: "false", autocomplete: "off" } }), t("auth.tokenHint")),
    h("div", { class: "form-actions" }, h("button", { class: "primary", text: t("auth.tokenSubmit"), attrs: { type: "submit" } })),
  );

  const oidcPart =
    config.oidc === null
      ? null
      : card(
          null,
          h("p", { class: "muted", text: t("auth.oidcHint") }),
          h("button", {
            class: "primary wide",
            text: t("auth.oidc"),
            attrs: { type: "button" },
            data: { action: "oidc" },
            onClick: () => {
              const oidc = config.oidc;
              if (oidc !== null) beginOidcSignIn(oidc).catch((error: unknown) => fail(new Error(t("auth.oidcFailed", { reason: error instanceof Error ? error.message : String(error) }))));
            },
          }),
        );

  let demoPart: HTMLElement | null = null;
  if (config.demo) {
    try {
      const answer = await demoIdentities();
      demoPart = card(
        t("auth.demoTitle"),
        h("p", { class: "muted", text: t("auth.demoHint") }),
        h(
          "ul",
          { class: "identities" },
          answer.identities.map((identity) =>
            h(
              "li",
              {},
              h(
                "button",
                { class: "identity", attrs: { type: "button" }, data: { sub: identity.sub, role: identity.role }, onClick: () => options.onToken(identity.token) },
                h("span", { class: `role role-${identity.role}`, text: roleLabel(t, identity.role) }),
                h("span", { class: "identity-label", text: identity.label }),
                h("code", { class: "id", text: identity.sub }),
              ),
            ),
          ),
        ),
      );
    } catch (error) {
      demoPart = card(t("auth.demoTitle"), errorBox(t, error));
    }
  }

  render(
    root,
    h(
      "div",
      { class: "sign-in" },
      h("h1", { text: t("auth.title") }),
      options.message === undefined ? null : h("p", { class: "notice", role: "status", text: options.message }),
      status,
      oidcPart,
      demoPart,
      card(null, tokenForm),
    ),
  );
};
