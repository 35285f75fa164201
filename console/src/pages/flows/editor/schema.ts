// Node config schemas (pydantic's JSON Schema from GET /node-types) made friendly for
// a form: `X | None` becomes plain X (an empty field is simply left out), free-form
// values (any JSON, open objects) get the JSON editor, the node's own fields come
// before the common ones (retry, timeout_seconds, join), defaults become placeholders.
import type { RJSFSchema, UiSchema } from "@rjsf/utils";

type Json = Record<string, unknown>;
const COMMON = ["retry", "timeout_seconds", "join"];

function isNull(schema: unknown): boolean {
  return typeof schema === "object" && schema !== null && (schema as Json).type === "null";
}

/** anyOf [X, null] → X (keeping title, description); recursively. */
export function collapseNullable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(collapseNullable);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema as Json)) out[key] = collapseNullable(value);
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2 && anyOf.some(isNull)) {
    const other = anyOf.find((s) => !isNull(s)) as Json;
    delete out.anyOf;
    if (out.default === null) delete out.default;
    return { ...other, ...out };
  }
  if (out.default === null) delete out.default;
  return out;
}

/** A value the form cannot lay out as fields: any JSON, or an object with no listed properties. */
export function isFreeForm(schema: Json): boolean {
  if (schema.$ref || schema.enum || schema.const !== undefined || schema.anyOf || schema.oneOf) return false;
  if (!schema.type) return true;
  return schema.type === "object" && !schema.properties;
}

export function formFor(raw: Json): { schema: RJSFSchema; uiSchema: UiSchema } {
  const schema = collapseNullable(raw) as Json;
  delete schema.title; // "SetConfig": the inspector already says which node this is
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const own = Object.keys(properties).filter((name) => !COMMON.includes(name));
  const uiSchema: UiSchema = {
    "ui:order": [...own, ...COMMON.filter((name) => name in properties), "*"],
    "ui:submitButtonOptions": { norender: true },
  };
  for (const [name, property] of Object.entries(properties)) {
    const ui: Json = {};
    if (isFreeForm(property)) ui["ui:field"] = "json";
    if (property.default !== undefined && typeof property.default !== "object")
      ui["ui:placeholder"] = `default: ${String(property.default)}`;
    if (Object.keys(ui).length) uiSchema[name] = ui;
  }
  return { schema: schema as RJSFSchema, uiSchema };
}

/** Drop empty values so the saved config says only what the person set. */
export function pruneConfig(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneConfig);
  if (typeof value !== "object" || value === null) return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value as Json)) {
    if (item === undefined || item === "") continue;
    const pruned = pruneConfig(item);
    if (typeof pruned === "object" && pruned !== null && !Array.isArray(pruned) && Object.keys(pruned).length === 0) continue;
    out[key] = pruned;
  }
  return out;
}
