import { parseStreamId } from "@duty-ledger/domain";
import { describe, expect, it } from "vitest";
import { streamCategoryOf } from "./projection-keys.js";

describe("streamCategoryOf", () => {
  it("agrees with the domain's parseStreamId", () => {
    for (const id of ["deputy-D-1", "suggestion-S-1-x", "contact-C", "unit-U-1", "station-ST-1", "deputy-", "-x", "other-1", "suggestion", "", "unitx-1"]) {
      expect(streamCategoryOf(id), id).toBe(parseStreamId(id)?.category ?? null);
    }
  });
});
