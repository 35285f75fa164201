// Where nodes go on the canvas: their saved `position`, else dagre's layered layout
// (top to bottom, in the order the edges run). The engine never reads positions.
import dagre from "@dagrejs/dagre";
import type { FlowDefinition, Position } from "../api/types";

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 72;

export function positions(definition: FlowDefinition): Map<string, Position> {
  const placed = new Map<string, Position>();
  const missing = definition.nodes.filter((node) => {
    const p = node.position;
    if (p && Number.isFinite(p.x) && Number.isFinite(p.y)) {
      placed.set(node.id, { x: p.x, y: p.y });
      return false;
    }
    return true;
  });
  if (missing.length === 0) return placed;
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "TB", nodesep: 40, ranksep: 60 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of definition.nodes) graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of definition.edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target);
  }
  dagre.layout(graph);
  for (const node of missing) {
    const laid = graph.node(node.id);
    placed.set(node.id, { x: laid.x - NODE_WIDTH / 2, y: laid.y - NODE_HEIGHT / 2 });
  }
  return placed;
}
