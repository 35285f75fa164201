// Autocomplete of what templates and expressions can see (docs/engine.md):
// `input.<field>`, `vars.<name>`, `steps.<node id>.output|error`.
import type { CompletionContext, CompletionResult, CompletionSource } from "@codemirror/autocomplete";

export interface TemplateScope {
  /** Top-level fields of the start node's input_schema. */
  inputFields: string[];
  /** Names `set` nodes write into vars. */
  vars: string[];
  /** Ids of the other nodes. */
  steps: string[];
}

export const EMPTY_SCOPE: TemplateScope = { inputFields: [], vars: [], steps: [] };

const ROOTS = [
  { label: "input.", detail: "the run input" },
  { label: "vars.", detail: "values set by set nodes" },
  { label: "steps.", detail: "earlier steps' output and error" },
];

/** What to offer after `text` (a dotted path being typed). */
export function suggestions(path: string, scope: TemplateScope): { label: string; detail?: string }[] {
  const parts = path.split(".");
  if (parts.length === 1) return ROOTS;
  const [root, second] = parts;
  if (root === "input" && parts.length === 2) return scope.inputFields.map((f) => ({ label: f, detail: "input field" }));
  if (root === "vars" && parts.length === 2) return scope.vars.map((v) => ({ label: v, detail: "var" }));
  if (root === "steps" && parts.length === 2) return scope.steps.map((s) => ({ label: s, detail: "node" }));
  if (root === "steps" && parts.length === 3 && second)
    return [
      { label: "output", detail: "the step's output" },
      { label: "error", detail: "its error, after an error edge" },
    ];
  return [];
}

export function templateCompletion(getScope: () => TemplateScope): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const match = context.matchBefore(/[A-Za-z_][\w-]*(?:\.[\w-]*)*/);
    if (!match && !context.explicit) return null;
    const path = match?.text ?? "";
    const dot = path.lastIndexOf(".");
    const options = suggestions(path, getScope()).filter((o) =>
      dot < 0 ? o.label.startsWith(path) || context.explicit : true,
    );
    if (options.length === 0) return null;
    return {
      from: (match?.from ?? context.pos) + (dot < 0 ? 0 : dot + 1),
      options: options.map((o) => ({ label: o.label, detail: o.detail, type: "variable" })),
      validFor: /^[\w-]*$/,
    };
  };
}
