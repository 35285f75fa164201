// The config form of one node, generated from its type's JSON Schema by rjsf.
// Text fields are CodeMirror template editors with autocomplete of input., vars.,
// steps.; free-form values are JSON editors. Problems the server found in this
// node's config appear under their fields.
import Form from "@rjsf/core";
import type { ErrorSchema, FieldProps, RegistryFieldsType, RegistryWidgetsType, WidgetProps } from "@rjsf/utils";
import { useMemo, useState } from "react";
import type { NodeType } from "../../../api/types";
import { CodeField } from "../../../code/CodeField";
import type { TemplateScope } from "../../../code/completion";
import { formFor, pruneConfig } from "./schema";
import { interpretingValidator } from "./validator";

interface FormContext {
  scope: TemplateScope;
}

function TemplateWidget(props: WidgetProps) {
  const { id, value, onChange, onBlur, label, registry, rawErrors, schema } = props;
  const scope = (registry.formContext as FormContext | undefined)?.scope;
  const long = (schema.maxLength ?? 0) > 1000;
  return (
    <CodeField
      id={id}
      label={label || id}
      value={value === undefined || value === null ? "" : String(value)}
      onChange={(text) => onChange(text === "" ? undefined : text)}
      onBlur={() => onBlur(id, value)}
      scope={scope}
      minLines={long ? 2 : 1}
      describedBy={rawErrors?.length ? `${id}__error` : undefined}
    />
  );
}

/** Any JSON: edited as text, parsed when it is valid; says so when it is not. */
function JsonField(props: FieldProps) {
  const { formData, onChange, fieldPathId, name, schema, registry, rawErrors, errorSchema } = props;
  const scope = (registry.formContext as FormContext | undefined)?.scope;
  const [text, setText] = useState(formData === undefined ? "" : JSON.stringify(formData, null, 2));
  const [bad, setBad] = useState<string | null>(null);
  const id = fieldPathId.$id;
  const errors = [
    ...new Set([...(rawErrors ?? []), ...((((errorSchema as ErrorSchema | undefined)?.__errors as string[] | undefined) ?? []))]),
  ];
  return (
    <div className="form-group json-field">
      <label htmlFor={id}>{schema.title ?? name}</label>
      {schema.description && <p className="field-description">{schema.description}</p>}
      <CodeField
        id={id}
        label={String(schema.title ?? name)}
        language="json"
        value={text}
        minLines={3}
        scope={scope}
        onChange={(next) => {
          setText(next);
          if (next.trim() === "") {
            setBad(null);
            onChange(undefined, fieldPathId.path);
            return;
          }
          try {
            const parsed: unknown = JSON.parse(next);
            setBad(null);
            onChange(parsed, fieldPathId.path);
          } catch (error) {
            setBad(`Not valid JSON yet: ${(error as Error).message}`);
          }
        }}
      />
      {bad && <span className="field-error">{bad}</span>}
      {errors.map((e, i) => (
        <span className="field-error" key={i} role="alert">
          {e}
        </span>
      ))}
    </div>
  );
}

const widgets: RegistryWidgetsType = { TextWidget: TemplateWidget, TextareaWidget: TemplateWidget };
const fields: RegistryFieldsType = { json: JsonField };

export function ConfigForm({
  nodeId,
  nodeType,
  config,
  scope,
  problems,
  onChange,
}: {
  nodeId: string;
  nodeType: NodeType | undefined;
  config: Record<string, unknown>;
  scope: TemplateScope;
  /** The server's problems with this node's config: field name → messages. */
  problems: Record<string, string[]>;
  onChange: (config: Record<string, unknown>) => void;
}) {
  const form = useMemo(() => (nodeType ? formFor(nodeType.config_schema) : null), [nodeType]);
  const extraErrors = useMemo(() => {
    const out: Record<string, { __errors: string[] }> = {};
    for (const [field, messages] of Object.entries(problems)) out[field] = { __errors: messages };
    return out as ErrorSchema;
  }, [problems]);
  if (!nodeType || !form)
    return <p className="error-box">This server has no node type of this name; pick another type.</p>;
  return (
    <Form
      key={`${nodeId}:${nodeType.name}`}
      schema={form.schema}
      uiSchema={form.uiSchema}
      formData={config}
      validator={interpretingValidator}
      widgets={widgets}
      fields={fields}
      formContext={{ scope } satisfies FormContext}
      extraErrors={extraErrors}
      idPrefix={`config-${nodeId}`}
      noHtml5Validate
      showErrorList={false}
      experimental_defaultFormStateBehavior={{ emptyObjectFields: "skipDefaults", arrayMinItems: { populate: "never" } }}
      onChange={(event) => {
        // rjsf reports a change whenever its own state is recomputed (new props included):
        // pass on only real changes, or a re-render would feed back into itself.
        const next = (pruneConfig(event.formData ?? {}) as Record<string, unknown>) ?? {};
        if (JSON.stringify(next) !== JSON.stringify(config)) onChange(next);
      }}
    />
  );
}
