/** An identity offered on the demo store's sign-in page, with a ready token (`GET /v1/demo/identities`). */
export interface WebDemoIdentity {
  /** What the page shows, e.g. `县人大常委会代表工作委员会 (office)`. */
  readonly label: string;
  readonly role: "office" | "deputy" | "unit" | "clerk" | "auditor";
  /** The token's `sub`. */
  readonly sub: string;
  /** A clerk's station. */
  readonly stationId?: string | undefined;
  /** A bearer token for this identity, signed by the demo's own secret (issuer and audience `duty-ledger-demo`: no real ledger accepts it). */
  readonly token: string;
}

/** The answer of `GET /v1/demo/identities`. */
export interface DemoIdentitiesAnswer {
  readonly identities: readonly WebDemoIdentity[];
}
