import { describe, expect, it } from "vitest";
import { findDuplicateKey, findForbiddenKey, jsonNestingExceeds } from "./json-body.js";

const bytes = (text: string): Uint8Array => Buffer.from(text, "utf8");

describe("jsonNestingExceeds", () => {
  it("counts object and array nesting", () => {
    expect(jsonNestingExceeds(bytes('{"a":[{"b":1}]}'), 3)).toBe(false);
    expect(jsonNestingExceeds(bytes('{"a":[{"b":[1]}]}'), 3)).toBe(true);
    expect(jsonNestingExceeds(bytes(`${"[".repeat(32)}${"]".repeat(32)}`), 32)).toBe(false);
    expect(jsonNestingExceeds(bytes(`${"[".repeat(33)}${"]".repeat(33)}`), 32)).toBe(true);
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    expect(jsonNestingExceeds(bytes('{"a":"[[[[{{{{"}'), 1)).toBe(false);
    expect(jsonNestingExceeds(bytes('{"a":"\\"[[[[","b":"\\\\"}'), 1)).toBe(false);
    expect(jsonNestingExceeds(bytes('{"a":"\\\\",  "b":[[1]]}'), 2)).toBe(true);
  });

  it("handles multi-byte UTF-8 text", () => {
    expect(jsonNestingExceeds(bytes('{"意见":"修路[的建议"}'), 1)).toBe(false);
  });
});

describe("findForbiddenKey", () => {
  it("finds __proto__, constructor and prototype keys at any depth, with their path", () => {
    expect(findForbiddenKey(JSON.parse('{"__proto__":{"admin":true}}'))).toBe("__proto__");
    expect(findForbiddenKey(JSON.parse('{"a":[{"b":1},{"constructor":{"prototype":{}}}]}'))).toBe("a.1.constructor");
    expect(findForbiddenKey(JSON.parse('{"x":{"prototype":1}}'))).toBe("x.prototype");
  });

  it("allows these words as values and ordinary keys", () => {
    expect(findForbiddenKey({ topic: "__proto__", list: ["constructor", "prototype"], protoType: 1 })).toBeUndefined();
    expect(findForbiddenKey([1, "a", null])).toBeUndefined();
  });
});

describe("findDuplicateKey", () => {
  it("names the path of the first key written twice in one object, keys compared decoded", () => {
    expect(findDuplicateKey('{"a":1,"a":2}')).toBe("a");
    expect(findDuplicateKey('{"a":1,"\\u0061":2}')).toBe("a");
    expect(findDuplicateKey(' { "x" : [ 0 , { "k" : 1 , "k" : 2 } ] } ')).toBe("x.1.k");
    expect(findDuplicateKey('[{"a":1},{"b":{"c":1,"c":1}}]')).toBe("1.b.c");
    expect(findDuplicateKey('{"q":"\\"k\\":","k":{"k":1},"k":2}')).toBe("k");
  });

  it("finds none in objects with distinct keys, whatever their values say", () => {
    expect(findDuplicateKey('{"a":{"a":1},"b":[{"a":1},{"a":1}],"c":"\\"a\\":1,\\"a\\":2"}')).toBeUndefined();
    expect(findDuplicateKey("[1,2,[3]]")).toBeUndefined();
  });
});
