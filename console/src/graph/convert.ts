// Between the API's definition (docs/flows.md) and React Flow's nodes and edges.
import { MarkerType, type Edge } from "@xyflow/react";
import type { FlowDefinition, FlowEdge, NodeType } from "../api/types";
import type { FlowNode } from "./FlowNodeView";
import { positions } from "./layout";

/** The outcomes a node can take: its type's, a switch's cases, and any label already used. */
export function outcomesOf(
  nodeType: string,
  config: Record<string, unknown>,
  types: Map<string, NodeType>,
  used: Iterable<string> = [],
): string[] {
  const base = [...(types.get(nodeType)?.outcomes ?? ["next"])];
  if (nodeType === "switch" && Array.isArray(config.cases)) {
    base.unshift(...config.cases.filter((c): c is string => typeof c === "string" && c.length > 0));
  }
  for (const label of used) if (!base.includes(label)) base.push(label);
  return [...new Set(base)];
}

export function edgeLabel(edge: FlowEdge): string {
  return edge.label ?? "next";
}

export function toCanvas(definition: FlowDefinition, types: Map<string, NodeType>): { nodes: FlowNode[]; edges: Edge[] } {
  const where = positions(definition);
  const usedBySource = new Map<string, string[]>();
  for (const edge of definition.edges) {
    usedBySource.set(edge.source, [...(usedBySource.get(edge.source) ?? []), edgeLabel(edge)]);
  }
  const nodes: FlowNode[] = definition.nodes.map((node) => ({
    id: node.id,
    type: "flow",
    position: where.get(node.id) ?? { x: 0, y: 0 },
    data: {
      nodeType: node.data.node_type,
      config: node.data.config ?? {},
      outcomes: outcomesOf(node.data.node_type, node.data.config ?? {}, types, usedBySource.get(node.id)),
    },
  }));
  const edges = definition.edges.map((edge) => toCanvasEdge(edge));
  return { nodes, edges };
}

export function toCanvasEdge(edge: FlowEdge): Edge {
  const label = edgeLabel(edge);
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: label,
    targetHandle: "in",
    label,
    markerEnd: { type: MarkerType.ArrowClosed },
    data: { condition: edge.condition ?? null, flow_condition_id: edge.flow_condition_id ?? null },
  };
}

/** The definition to save or validate, from what is on the canvas. */
export function fromCanvas(nodes: FlowNode[], edges: Edge[], conditions: FlowDefinition["conditions"]): FlowDefinition {
  return {
    nodes: nodes.map((node) => ({
      id: node.id,
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      data: { node_type: node.data.nodeType, config: node.data.config },
    })),
    edges: edges.map((edge) => {
      const data = (edge.data ?? {}) as { condition?: string | null; flow_condition_id?: string | null };
      const out: FlowEdge = { id: edge.id, source: edge.source, target: edge.target, label: String(edge.label ?? edge.sourceHandle ?? "next") };
      if (data.condition) out.condition = data.condition;
      if (data.flow_condition_id) out.flow_condition_id = data.flow_condition_id;
      return out;
    }),
    conditions,
  };
}
