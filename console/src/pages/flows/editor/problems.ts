// Where each problem from flows/validate belongs: a node (and maybe one of its config
// fields), an edge, or the flow as a whole.
import type { FlowDefinition, Problem } from "../../../api/types";

export interface PlacedProblems {
  byNode: Map<string, string[]>;
  /** node id → config field → messages */
  byConfigField: Map<string, Record<string, string[]>>;
  byEdge: Map<string, string[]>;
  general: Problem[];
}

const NODE = /^definition\.nodes(?:\[(\d+)\]|\.(\d+))(?:\.data\.config\.([A-Za-z0-9_]+))?/;
const EDGE = /^definition\.edges(?:\[(\d+)\]|\.(\d+))/;

function push<K>(map: Map<K, string[]>, key: K, message: string) {
  map.set(key, [...(map.get(key) ?? []), message]);
}

export function placeProblems(problems: Problem[], definition: FlowDefinition): PlacedProblems {
  const placed: PlacedProblems = { byNode: new Map(), byConfigField: new Map(), byEdge: new Map(), general: [] };
  for (const problem of problems) {
    const node = NODE.exec(problem.field);
    const edge = EDGE.exec(problem.field);
    const nodeId = problem.node_id ?? (node ? definition.nodes[Number(node[1] ?? node[2])]?.id : undefined);
    const edgeId = problem.edge_id ?? (edge ? definition.edges[Number(edge[1] ?? edge[2])]?.id : undefined);
    if (nodeId) {
      const field = node?.[3];
      push(placed.byNode, nodeId, field ? `${field}: ${problem.problem}` : problem.problem);
      if (field) {
        const fields = placed.byConfigField.get(nodeId) ?? {};
        fields[field] = [...(fields[field] ?? []), problem.problem];
        placed.byConfigField.set(nodeId, fields);
      }
    } else if (edgeId) {
      push(placed.byEdge, edgeId, problem.problem);
    } else {
      placed.general.push(problem);
    }
  }
  return placed;
}
