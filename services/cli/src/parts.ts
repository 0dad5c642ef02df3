import { z } from "zod";

/**
 * `DUTY_LEDGER_PARTS` (design/scale-out.md): which parts of the ledger this process runs — the
 * write API (`ledger`), the read API (`query`), the projector (`projector`) — comma-separated;
 * all three by default, as `pnpm start` always ran them.
 */
export const PART_NAMES = ["ledger", "query", "projector"] as const;
export type PartName = (typeof PART_NAMES)[number];

export interface Parts {
  readonly ledger: boolean;
  readonly query: boolean;
  readonly projector: boolean;
}

const isPartName = (name: string): name is PartName => (PART_NAMES as readonly string[]).includes(name);

export const partsEnvShape = {
  DUTY_LEDGER_PARTS: z
    .string()
    .default(PART_NAMES.join(","))
    .transform((text, ctx): Parts => {
      const names = text
        .split(",")
        .map((name) => name.trim())
        .filter((name) => name !== "");
      const unknown = names.filter((name) => !isPartName(name));
      if (names.length === 0 || unknown.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `must name one or more of ${PART_NAMES.join(", ")}, comma-separated${unknown.length > 0 ? ` (unknown: ${unknown.join(", ")})` : ""}`,
        });
        return z.NEVER;
      }
      return { ledger: names.includes("ledger"), query: names.includes("query"), projector: names.includes("projector") };
    }),
} as const;

/** The parts, for messages: `ledger, query, projector`. */
export const describeParts = (parts: Parts): string => PART_NAMES.filter((name) => parts[name]).join(", ");
