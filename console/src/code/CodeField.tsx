// CodeMirror 6 for templates (one-line or a few lines) and JSON, with the template
// autocomplete.
import { autocompletion } from "@codemirror/autocomplete";
import { json } from "@codemirror/lang-json";
import { EditorView, keymap } from "@codemirror/view";
import CodeMirror from "@uiw/react-codemirror";
import { useMemo, useRef } from "react";
import { templateCompletion, type TemplateScope } from "./completion";

// CodeMirror mounts its styles in one <style> element; the console's CSP admits it by
// the nonce the server wrote into index.html for this page load.
const NONCE = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? "";

// Constants: @uiw/react-codemirror reconfigures the editor whenever these change identity.
const SETUP_PLAIN = {
  lineNumbers: false,
  foldGutter: false,
  highlightActiveLine: false,
  highlightActiveLineGutter: false,
  autocompletion: false, // ours, below, with the template scope
  closeBrackets: false,
  searchKeymap: false,
  tabSize: 2,
};
const SETUP_NUMBERED = { ...SETUP_PLAIN, lineNumbers: true };

export interface CodeFieldProps {
  id?: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  language?: "template" | "json";
  label: string;
  describedBy?: string;
  scope?: TemplateScope;
  minLines?: number;
  readOnly?: boolean;
}

export function CodeField({ id, value, onChange, onBlur, language = "template", label, describedBy, scope, minLines = 1, readOnly }: CodeFieldProps) {
  const scopeRef = useRef(scope);
  scopeRef.current = scope;
  const extensions = useMemo(
    () => [
      EditorView.cspNonce.of(NONCE),
      ...(language === "json" ? [json()] : []),
      EditorView.lineWrapping,
      autocompletion({
        override: [templateCompletion(() => scopeRef.current ?? { inputFields: [], vars: [], steps: [] })],
        activateOnTyping: true,
      }),
      // Tab moves focus out, as in any other field (keyboard users must be able to leave).
      keymap.of([]),
      EditorView.contentAttributes.of({
        "aria-label": label,
        ...(id ? { id } : {}),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      }),
    ],
    [language, label, id, describedBy],
  );
  return (
    <div className={`code-field lines-${Math.min(minLines, 12)}`}>
      <CodeMirror
        value={value}
        onChange={onChange}
        onBlur={onBlur}
        extensions={extensions}
        readOnly={readOnly}
        basicSetup={language === "json" && minLines > 1 ? SETUP_NUMBERED : SETUP_PLAIN}
        indentWithTab={false}
      />
    </div>
  );
}
