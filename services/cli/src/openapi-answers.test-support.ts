// Checks real answers against the OpenAPI document's response schemas (ajv, JSON Schema 2020-12); excluded from the build.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { OpenApiDocument } from "@duty-ledger/http-kit";

// ajv-formats is CommonJS: its default export is the plugin.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export interface AnswerChecker {
  /** The document's path template a concrete path matches (`/v1/suggestions/S-1` → `/v1/suggestions/{id}`), or `undefined`. */
  templateOf(path: string): string | undefined;
  /** Why `answer` does not fit the document for `method path` (empty: it fits). */
  problemsOf(method: string, path: string, answer: Answer): string[];
}

const pointer = (...segments: string[]): string => segments.map((segment) => segment.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

type Json = Record<string, unknown>;

export const createAnswerChecker = (document: OpenApiDocument): AnswerChecker => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document as Json, "openapi.json");
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }));
  const components = (document["components"] ?? {}) as { responses?: Record<string, Json> };

  const templateOf = (path: string): string | undefined => templates.find(({ pattern }) => pattern.test(path.split("?")[0] ?? ""))?.template;

  return {
    templateOf,
    problemsOf(method, path, answer) {
      const template = templateOf(path);
      if (template === undefined) return [`${method} ${path}: no path of the document matches`];
      const operation = document.paths[template]?.[method.toLowerCase()] as { responses: Record<string, Json> } | undefined;
      if (operation === undefined) return [`${method} ${template}: not in the document`];
      let response = operation.responses[String(answer.status)];
      if (response === undefined) return [`${method} ${template}: status ${answer.status} not documented (${answer.text.slice(0, 200)})`];
      let base = pointer("paths", template, method.toLowerCase(), "responses", String(answer.status));
      const ref = response["$ref"];
      if (typeof ref === "string") {
        const name = ref.split("/").pop() ?? "";
        response = components.responses?.[name] ?? {};
        base = pointer("components", "responses", name);
      }
      const content = response["content"] as Record<string, unknown> | undefined;
      if (content === undefined) return answer.text === "" ? [] : [`${method} ${template} ${answer.status}: a body where the document has none`];
      const contentType = (answer.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
      if (content[contentType] === undefined) return [`${method} ${template} ${answer.status}: content type ${contentType} not documented`];
      const body: unknown = contentType.endsWith("json") ? JSON.parse(answer.text) : answer.text;
      const validate = ajv.getSchema(`openapi.json#/${base}/content/${pointer(contentType)}/schema`);
      if (validate === undefined) return [`${method} ${template} ${answer.status}: no schema`];
      if (validate(body)) return [];
      return (validate.errors ?? []).map((error) => `${method} ${path} ${answer.status}: ${error.instancePath || "/"} ${error.message ?? ""} ${JSON.stringify(error.params)}`);
    },
  };
};
