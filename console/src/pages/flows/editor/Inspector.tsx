// The right-hand panel: the selected node (id, config form, connections), the
// selected edge (outcome, condition), or the flow itself (name, status, problems).
import type { Connection, Edge } from "@xyflow/react";
import { useState } from "react";
import type { ApiError } from "../../../api/client";
import type { FlowStatus, NodeType, Problem } from "../../../api/types";
import { CodeField } from "../../../code/CodeField";
import type { TemplateScope } from "../../../code/completion";
import { FieldError } from "../../../components/ErrorBox";
import type { FlowNode } from "../../../graph/FlowNodeView";
import { ConfigForm } from "./ConfigForm";

function ProblemList({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="problem-list" aria-label="Problems">
      {problems.map((p, i) => (
        <li key={i}>{p}</li>
      ))}
    </ul>
  );
}

export function NodeInspector(props: {
  node: FlowNode;
  nodes: FlowNode[];
  edges: Edge[];
  type: NodeType | undefined;
  scope: TemplateScope;
  problems: string[];
  configProblems: Record<string, string[]>;
  readOnly: boolean;
  onConfig: (config: Record<string, unknown>) => void;
  onRename: (to: string) => string | null;
  onConnect: (connection: Connection) => void;
  onDelete: () => void;
}) {
  const { node, type, readOnly } = props;
  const [id, setId] = useState(node.id);
  const [idError, setIdError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState(node.data.outcomes[0] ?? "");
  const [target, setTarget] = useState("");
  const targets = props.nodes.filter((n) => n.id !== node.id && n.data.nodeType !== "start");
  const outgoing = props.edges.filter((e) => e.source === node.id);

  function commitId() {
    const problem = props.onRename(id.trim());
    setIdError(problem);
  }

  return (
    <section className="stack" aria-labelledby="inspector-title">
      <h2 id="inspector-title">
        {node.data.nodeType} <span className="muted">node</span>
      </h2>
      {type?.description && <p className="muted">{type.description}</p>}
      <label htmlFor="node-id">Node id</label>
      <input
        id="node-id"
        value={id}
        readOnly={readOnly}
        onChange={(e) => setId(e.target.value)}
        onBlur={commitId}
        onKeyDown={(e) => e.key === "Enter" && commitId()}
        aria-describedby="node-id-error"
      />
      {idError && (
        <span className="field-error" id="node-id-error" role="alert">
          {idError}
        </span>
      )}
      <ProblemList problems={props.problems} />
      <fieldset disabled={readOnly} className="config">
        <legend>Config</legend>
        <ConfigForm
          nodeId={node.id}
          nodeType={type}
          config={node.data.config}
          scope={props.scope}
          problems={props.configProblems}
          onChange={props.onConfig}
        />
      </fieldset>
      {!readOnly && node.data.outcomes.length > 0 && (
        <fieldset className="connect">
          <legend>Connect</legend>
          <div className="row">
            <label htmlFor="connect-outcome">On</label>
            <select id="connect-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
              {node.data.outcomes.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
            <label htmlFor="connect-target">go to</label>
            <select id="connect-target" value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">choose a node…</option>
              {targets.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.id}
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={!target}
              onClick={() => props.onConnect({ source: node.id, sourceHandle: outcome, target, targetHandle: "in" })}
            >
              Connect
            </button>
          </div>
          {outgoing.length > 0 && (
            <ul className="muted">
              {outgoing.map((e) => (
                <li key={e.id}>
                  {String(e.label)} → {e.target}
                </li>
              ))}
            </ul>
          )}
        </fieldset>
      )}
      {!readOnly && (
        <button type="button" className="danger" onClick={props.onDelete}>
          Delete node
        </button>
      )}
    </section>
  );
}

export function EdgeInspector(props: {
  edge: Edge;
  source: FlowNode | undefined;
  problems: string[];
  readOnly: boolean;
  onChange: (change: (edge: Edge) => Edge) => void;
  onDelete: () => void;
}) {
  const { edge, source, readOnly } = props;
  const data = (edge.data ?? {}) as { condition?: string | null };
  const outcomes = source?.data.outcomes ?? [String(edge.label ?? "next")];
  return (
    <section className="stack" aria-labelledby="inspector-title">
      <h2 id="inspector-title">
        Edge <span className="muted">{edge.source} → {edge.target}</span>
      </h2>
      <ProblemList problems={props.problems} />
      <label htmlFor="edge-label">Outcome (label)</label>
      <select
        id="edge-label"
        value={String(edge.label ?? "next")}
        disabled={readOnly}
        onChange={(e) => {
          const label = e.target.value;
          props.onChange((current) => ({ ...current, label, sourceHandle: label }));
        }}
      >
        {outcomes.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
      <label htmlFor="edge-condition">Condition (optional expression)</label>
      <CodeField
        id="edge-condition"
        label="Edge condition"
        value={data.condition ?? ""}
        readOnly={readOnly}
        onChange={(condition) =>
          props.onChange((current) => ({ ...current, data: { ...(current.data ?? {}), condition: condition || null } }))
        }
      />
      {!readOnly && (
        <button type="button" className="danger" onClick={props.onDelete}>
          Delete edge
        </button>
      )}
    </section>
  );
}

export function FlowInspector(props: {
  name: string;
  description: string;
  status: FlowStatus;
  readOnly: boolean;
  error: ApiError | null;
  general: Problem[];
  onName: (name: string) => void;
  onDescription: (description: string) => void;
  onStatus: (status: FlowStatus) => void;
  onNameChange: () => void;
}) {
  return (
    <section className="stack" aria-labelledby="inspector-title">
      <h2 id="inspector-title">Flow</h2>
      <p className="muted">Select a node or an edge to configure it.</p>
      <label htmlFor="flow-name">Name</label>
      <input
        id="flow-name"
        value={props.name}
        readOnly={props.readOnly}
        onChange={(e) => {
          props.onName(e.target.value);
          props.onNameChange();
        }}
      />
      <FieldError error={props.error} field="name" />
      <label htmlFor="flow-description">Description</label>
      <textarea
        id="flow-description"
        rows={3}
        value={props.description}
        readOnly={props.readOnly}
        onChange={(e) => {
          props.onDescription(e.target.value);
          props.onNameChange();
        }}
      />
      <label htmlFor="flow-status">Status when saved</label>
      <select
        id="flow-status"
        value={props.status}
        disabled={props.readOnly}
        onChange={(e) => {
          props.onStatus(e.target.value as FlowStatus);
          props.onNameChange();
        }}
      >
        <option value="active">active</option>
        <option value="inactive">inactive</option>
        <option value="draft">draft</option>
      </select>
      <p className="muted">A flow with problems is saved as a draft whatever is chosen.</p>
      {props.general.length > 0 && (
        <>
          <h3>Problems of the flow</h3>
          <ProblemList problems={props.general.map((p) => `${p.field}: ${p.problem}`)} />
        </>
      )}
    </section>
  );
}
