import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, canonicalJsonByConcatenation, canonicalString, createCanonicalEncoder } from "./canonical-json.js";

describe("canonicalJson", () => {
  it("sorts keys at every level and writes no whitespace", () => {
    const value = { b: 1, a: { d: [3, { f: 1, e: 2 }], c: "x" }, "": true };
    expect(canonicalJson(value)).toBe('{"":true,"a":{"c":"x","d":[3,{"e":2,"f":1}]},"b":1}');
  });

  it("serialises numbers as ECMAScript does (RFC 8785 examples)", () => {
    expect(canonicalJson([1e21, 1e-7, 0.1, -0, 333333333.33333329, 4.5, 2e-3, 1e30, -1.5e-10])).toBe(
      "[1e+21,1e-7,0.1,0,333333333.3333333,4.5,0.002,1e+30,-1.5e-10]",
    );
  });

  it("sorts keys by UTF-16 code units (RFC 8785 example), numeric-looking keys as strings", () => {
    const value = { "\u20ac": "Euro", "\r": "CR", "\ufb33": "Hebrew", "1": "One", "\ud83d\ude00": "Smiley", "\u0080": "Control", "\u00f6": "o" };
    expect(canonicalJson(value)).toBe(
      '{"\\r":"CR","1":"One","\u0080":"Control","\u00f6":"o","\u20ac":"Euro","\ud83d\ude00":"Smiley","\ufb33":"Hebrew"}',
    );
    expect(canonicalJson({ "10": 1, "9": 2, a: 3, "01": 4 })).toBe('{"01":4,"10":1,"9":2,"a":3}');
  });

  it("escapes strings like JSON.stringify", () => {
    expect(canonicalJson({ s: 'quote " backslash \\ newline \n tab \t nul \u0000 lone \ud800 代表' })).toBe(
      `{"s":${JSON.stringify('quote " backslash \\ newline \n tab \t nul \u0000 lone \ud800 代表')}}`,
    );
  });

  it("treats a __proto__ key as data", () => {
    const value = JSON.parse('{"b":1,"__proto__":{"y":2,"x":1}}') as unknown;
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1,"y":2},"b":1}');
  });

  it("honours toJSON once, drops undefined/functions in objects and writes null for them in arrays", () => {
    const value = {
      when: new Date("2026-11-21T08:00:00.000Z"),
      custom: { toJSON: () => ({ z: 1, a: [undefined] }) },
      gone: undefined,
      fn: () => 1,
      list: [undefined, () => 1, Symbol("s"), null],
      boxed: [Object(1) as unknown, Object("s") as unknown, Object(false) as unknown],
    };
    expect(canonicalJson(value)).toBe(
      '{"boxed":[1,"s",false],"custom":{"a":[null],"z":1},"list":[null,null,null,null],"when":"2026-11-21T08:00:00.000Z"}',
    );
  });

  it("refuses what JSON cannot hold", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    const cycle: Record<string, unknown> = { a: 1 };
    cycle["self"] = cycle;
    expect(() => canonicalJson(cycle)).toThrow(TypeError);
    expect(() => canonicalJson({ a: { toJSON: () => ({ toJSON: () => 1 }) } })).toThrow(TypeError);
  });

  it("is the same text whatever the key insertion order, and equals the concatenating definition", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJsonByConcatenation(value)).toBe(text);
        // Re-keyed in reverse insertion order: same text.
        const reversed = JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
          typeof v === "object" && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
        ) as unknown;
        expect(canonicalJson(reversed)).toBe(text);
        // Parsing the canonical text gives a value with the same canonical text.
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it("an encoder reused over many shapes gives the same text as fresh ones", () => {
    for (const encoder of [createCanonicalEncoder(), createCanonicalEncoder({ maxShapes: 3 })]) {
      for (let i = 0; i < 3000; i++) {
        const value = { [`k${i % 700}`]: i, a: { [`z${i % 40}`]: [i], b: 1 }, [`m${i % 3}`]: null };
        expect(encoder(value)).toBe(canonicalJsonByConcatenation(value));
      }
    }
  });
});

describe("canonicalString", () => {
  it("is JSON.stringify of the string, for plain and escaped strings alike", () => {
    const samples = ["", "plain-id_0192f3a4", "代表 ✓", 'q"uote', "back\\slash", "nl\n", "\u0000", "\u001f", "\u007f", "\u2028", "lone \ud800", "\udc00", "pair \ud83d\ude00"];
    for (const sample of samples) expect(canonicalString(sample)).toBe(JSON.stringify(sample));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" })), (sample) => {
        expect(canonicalString(sample)).toBe(JSON.stringify(sample));
      }),
      { numRuns: 500 },
    );
  });
});
