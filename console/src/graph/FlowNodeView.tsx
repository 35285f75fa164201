import { memo } from "react";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import "./graph.css";

export interface FlowNodeData extends Record<string, unknown> {
  nodeType: string;
  config: Record<string, unknown>;
  /** Outcome labels, one source handle each (an end node has none). */
  outcomes: string[];
  /** Problems from flows/validate (editor). */
  problems?: string[];
  /** The latest step's status (run page). */
  state?: string;
  attempts?: number;
}

export type FlowNode = Node<FlowNodeData, "flow">;

/** One node on the canvas: its id and type, its problems or step state, its outcomes. */
export const FlowNodeView = memo(function FlowNodeView({ id, data, selected }: NodeProps<FlowNode>) {
  const problems = data.problems ?? [];
  const classes = ["flow-node", data.state ? `state-${data.state}` : "", problems.length ? "has-problems" : "", selected ? "selected" : ""];
  return (
    <div
      className={classes.filter(Boolean).join(" ")}
      data-node-id={id}
      data-state={data.state ?? ""}
      aria-label={`${data.nodeType} node ${id}${data.state ? `, ${data.state}` : ""}${problems.length ? `, ${problems.length} problem(s)` : ""}`}
    >
      {data.nodeType !== "start" && <Handle type="target" position={Position.Top} id="in" />}
      <div className="flow-node-type">{data.nodeType}</div>
      <div className="flow-node-id">{id}</div>
      {data.state && (
        <div className="flow-node-state">
          {data.state}
          {data.attempts && data.attempts > 1 ? ` · attempt ${data.attempts}` : ""}
        </div>
      )}
      {problems.length > 0 && (
        <ul className="flow-node-problems" role="list">
          {problems.map((problem, i) => (
            <li key={i}>{problem}</li>
          ))}
        </ul>
      )}
      <div className="flow-node-outcomes">
        {data.outcomes.map((outcome, i) => (
          <div className="flow-node-outcome" key={outcome}>
            <span style={{ left: `${((i + 1) * 100) / (data.outcomes.length + 1)}%` }}>{outcome}</span>
            <Handle
              type="source"
              position={Position.Bottom}
              id={outcome}
              style={{ left: `${((i + 1) * 100) / (data.outcomes.length + 1)}%` }}
              title={`Connect "${outcome}"`}
            />
          </div>
        ))}
      </div>
    </div>
  );
});

export const nodeTypes = { flow: FlowNodeView };
