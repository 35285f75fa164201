// The flow editor: the canvas (React Flow), the palette, the inspector; validation as
// one edits (debounced flows/validate), save as a new version, and the dialogs for
// versions, running, the hook and schedules.
import {
  addEdge,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useEdgesState,
  useNodesState,
  useReactFlow,
  type Connection,
  type Edge,
  type OnSelectionChangeParams,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { useBlocker, useNavigate } from "react-router";
import { api, ApiError } from "../../../api/client";
import type { Envelope, Flow, FlowDefinition, FlowStatus, NodeType, Problem } from "../../../api/types";
import type { TemplateScope } from "../../../code/completion";
import { ErrorBox } from "../../../components/ErrorBox";
import { nodeTypes, type FlowNode } from "../../../graph/FlowNodeView";
import { fromCanvas, outcomesOf, toCanvas, toCanvasEdge } from "../../../graph/convert";
import { useSession } from "../../../session";
import { EdgeInspector, FlowInspector, NodeInspector } from "./Inspector";
import { DRAG_TYPE, Palette } from "./Palette";
import { placeProblems } from "./problems";
import { HookDialog, RunDialog, SchedulesDialog, VersionsDialog } from "./dialogs";

const VALIDATE_DELAY_MS = 400;
// React Flow copies its props into a store whenever they change identity: constants
// here, or every render would update the store and render again.
const FIT_VIEW = { maxZoom: 1, padding: 0.3 };
const PRO = { hideAttribution: true };
const DELETE_KEYS = ["Delete", "Backspace"];
export const NODE_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

type DialogName = "versions" | "run" | "hook" | "schedules" | null;

function uniqueId(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

export function Editor({ initial, nodeTypeList }: { initial: Flow; nodeTypeList: NodeType[] }) {
  const types = useMemo(() => new Map(nodeTypeList.map((t) => [t.name, t])), [nodeTypeList]);
  const start = useMemo(() => toCanvas(initial.definition, types), [initial, types]);
  const [flow, setFlow] = useState(initial);
  const [nodes, setNodes, onNodesChange] = useNodesState<FlowNode>(start.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState<Edge>(start.edges);
  const [conditions] = useState(initial.definition.conditions ?? []);
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [status, setStatus] = useState<FlowStatus>(initial.status === "draft" ? "active" : initial.status);
  const [selected, setSelected] = useState<{ node?: string; edge?: string }>({});
  const [problems, setProblems] = useState<Problem[]>(initial.problems);
  const [validateError, setValidateError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [dialog, setDialog] = useState<DialogName>(null);
  const { screenToFlowPosition, fitView } = useReactFlow();
  const canvasRef = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const { can } = useSession();
  const writable = can("flows:write");

  const definition: FlowDefinition = useMemo(() => fromCanvas(nodes, edges, conditions), [nodes, edges, conditions]);
  // Positions do not change problems: validate only when the rest changes.
  const shapeKey = useMemo(
    () => JSON.stringify({ ...definition, nodes: definition.nodes.map((n) => ({ ...n, position: undefined })) }),
    [definition],
  );
  const firstShape = useRef(shapeKey);

  useEffect(() => {
    if (shapeKey === firstShape.current) return;
    setDirty(true);
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const answer = await api.post<Envelope<{ valid: boolean; problems: Problem[] }>>("/flows/validate", {
          definition: JSON.parse(shapeKey) as FlowDefinition,
        });
        if (!controller.signal.aborted) {
          setProblems(answer.data.problems);
          setValidateError(null);
        }
      } catch (error) {
        if (!controller.signal.aborted) setValidateError(error);
      }
    }, VALIDATE_DELAY_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [shapeKey]);

  const placed = useMemo(() => placeProblems(problems, definition), [problems, definition]);

  // Show each node's and edge's problems on the canvas (a new array only when one changed,
  // else the canvas would re-render, re-derive the definition and come back here forever).
  useEffect(() => {
    setNodes((current) => {
      let changed = false;
      const next = current.map((node) => {
        const mine = placed.byNode.get(node.id) ?? [];
        const before = node.data.problems ?? [];
        if (before.length === mine.length && before.every((p, i) => p === mine[i])) return node;
        changed = true;
        return { ...node, data: { ...node.data, problems: mine } };
      });
      return changed ? next : current;
    });
    setEdges((current) => {
      let changed = false;
      const next = current.map((edge) => {
        const className = placed.byEdge.has(edge.id) ? "has-problem" : undefined;
        if (edge.className === className) return edge;
        changed = true;
        return { ...edge, className };
      });
      return changed ? next : current;
    });
  }, [placed, setNodes, setEdges]);

  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const scope: TemplateScope = useMemo(() => {
    const startNode = nodes.find((n) => n.data.nodeType === "start");
    const inputSchema = startNode?.data.config.input_schema as { properties?: Record<string, unknown> } | undefined;
    const vars = nodes.flatMap((n) =>
      n.data.nodeType === "set" && n.data.config.values && typeof n.data.config.values === "object"
        ? Object.keys(n.data.config.values as object)
        : [],
    );
    return {
      inputFields: Object.keys(inputSchema?.properties ?? {}),
      vars: [...new Set(vars)],
      steps: nodes.filter((n) => n.id !== selected.node).map((n) => n.id),
    };
  }, [nodes, selected.node]);

  const addNode = useCallback(
    (type: string, at?: { x: number; y: number }) => {
      const taken = new Set(nodes.map((n) => n.id));
      const id = uniqueId(type, taken);
      let position = at;
      if (!position && nodes.length > 0) {
        // Below the lowest node, so a flow built by clicking grows downwards.
        const lowest = nodes.reduce((a, b) => (b.position.y > a.position.y ? b : a));
        position = { x: lowest.position.x, y: lowest.position.y + 150 };
      }
      if (!position) {
        const box = canvasRef.current?.getBoundingClientRect();
        const centre = box ? { x: box.left + box.width / 2, y: box.top + box.height / 3 } : { x: 400, y: 200 };
        position = screenToFlowPosition(centre);
      }
      const node: FlowNode = {
        id,
        type: "flow",
        position,
        selected: true,
        data: { nodeType: type, config: {}, outcomes: outcomesOf(type, {}, types) },
      };
      setNodes((current) => [...current.map((n) => (n.selected ? { ...n, selected: false } : n)), node]);
      setEdges((current) => current.map((e) => (e.selected ? { ...e, selected: false } : e)));
      setSelected({ node: id });
      // Keep the whole flow in view (React Flow fits once the new node is measured).
      if (!at) void fitView(FIT_VIEW);
    },
    [nodes, types, screenToFlowPosition, fitView, setNodes, setEdges],
  );

  const connect = useCallback(
    (connection: Connection) => {
      const label = connection.sourceHandle ?? "next";
      const taken = new Set(edges.map((e) => e.id));
      const id = uniqueId(`${connection.source}_${label}_${connection.target}`.replace(/[^A-Za-z0-9_-]/g, "_"), taken);
      setEdges((current) =>
        addEdge(toCanvasEdge({ id, source: connection.source, target: connection.target, label }), current),
      );
    },
    [edges, setEdges],
  );

  const updateNode = useCallback(
    (id: string, change: (node: FlowNode) => FlowNode) =>
      setNodes((current) => current.map((node) => (node.id === id ? change(node) : node))),
    [setNodes],
  );

  const setConfig = useCallback(
    (id: string, config: Record<string, unknown>) =>
      updateNode(id, (node) => {
        const used = edges.filter((e) => e.source === id).map((e) => String(e.label ?? "next"));
        return { ...node, data: { ...node.data, config, outcomes: outcomesOf(node.data.nodeType, config, types, used) } };
      }),
    [updateNode, edges, types],
  );

  const rename = useCallback(
    (from: string, to: string): string | null => {
      if (from === to) return null;
      if (!NODE_ID.test(to)) return "Letters, digits, _ and -, starting with a letter or _; at most 64.";
      if (nodes.some((n) => n.id === to)) return `A node ${to} already exists.`;
      setNodes((current) => current.map((n) => (n.id === from ? { ...n, id: to } : n)));
      setEdges((current) =>
        current.map((e) => ({ ...e, source: e.source === from ? to : e.source, target: e.target === from ? to : e.target })),
      );
      setSelected({ node: to });
      return null;
    },
    [nodes, setNodes, setEdges],
  );

  function onDrop(event: DragEvent) {
    const type = event.dataTransfer.getData(DRAG_TYPE);
    if (!type) return;
    event.preventDefault();
    addNode(type, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  }

  async function save() {
    setSaving(true);
    setSaveError(null);
    setSaved(null);
    try {
      const answer = await api.put<Envelope<Flow>>(
        `/flows/${flow.id}`,
        { name, description, status, definition },
        { "If-Match": String(flow.version) },
      );
      setFlow(answer.data);
      setProblems(answer.data.problems);
      firstShape.current = shapeKey;
      setDirty(false);
      setSaved(
        answer.data.status === "draft" && status !== "draft"
          ? `Saved version ${answer.data.version} as a draft: it has problems.`
          : `Saved version ${answer.data.version} (${answer.data.status}).`,
      );
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  }

  // Stable, and a new state only when the selection really changed: React Flow calls
  // this again whenever the callback's identity changes.
  const onSelection = useCallback(({ nodes: n, edges: e }: OnSelectionChangeParams) => {
    const next = n.length === 1 && e.length === 0 ? { node: n[0].id } : e.length === 1 && n.length === 0 ? { edge: e[0].id } : n.length === 0 && e.length === 0 ? {} : null;
    if (next) setSelected((current) => (current.node === next.node && current.edge === next.edge ? current : next));
  }, []);

  const selectedNode = nodes.find((n) => n.id === selected.node);
  const selectedEdge = edges.find((e) => e.id === selected.edge);
  const problemCount = problems.length;

  return (
    <div className="editor">
      <div className="editor-toolbar" role="toolbar" aria-label="Flow">
        <h1 className="editor-title" title={flow.name}>
          {flow.name}
        </h1>
        <span className={`badge ${flow.status}`}>{flow.status}</span>
        <span className="muted">v{flow.version}</span>
        <span className={problemCount ? "problems-count bad" : "problems-count ok"} role="status" aria-live="polite">
          {problemCount ? `${problemCount} problem${problemCount === 1 ? "" : "s"}` : "No problems"}
        </span>
        {dirty && <span className="muted">Unsaved changes</span>}
        <span className="spacer" />
        {writable && (
          <button type="button" className="primary" onClick={save} disabled={saving}>
            {saving ? "Saving…" : "Save"}
          </button>
        )}
        <button type="button" onClick={() => setDialog("versions")}>
          Versions
        </button>
        <button type="button" onClick={() => setDialog("run")} disabled={!can("runs:write")}>
          Run…
        </button>
        <button type="button" onClick={() => setDialog("hook")}>
          Hook
        </button>
        <button type="button" onClick={() => setDialog("schedules")}>
          Schedules
        </button>
        <button type="button" onClick={() => navigate(`/runs?flow_id=${flow.id}`)}>
          Runs
        </button>
      </div>
      {saved && (
        <p className="notice" role="status">
          {saved}
        </p>
      )}
      <ErrorBox error={saveError} title="Not saved" />
      <ErrorBox error={validateError} title="Could not check the flow" />
      <div className="editor-body">
        <Palette types={nodeTypeList} onAdd={(type) => addNode(type)} disabled={!writable} />
        <div className="canvas" ref={canvasRef} onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={connect}
            onSelectionChange={onSelection}
            nodesConnectable={writable}
            nodesDraggable={writable}
            deleteKeyCode={writable ? DELETE_KEYS : null}
            fitView
            fitViewOptions={FIT_VIEW}
            proOptions={PRO}
            aria-label="Flow canvas"
          >
            <Background gap={16} />
            <Controls />
            <MiniMap pannable zoomable ariaLabel="Overview" />
          </ReactFlow>
        </div>
        <aside className="inspector nokey" aria-label="Inspector">
          {selectedNode ? (
            <NodeInspector
              key={selectedNode.id}
              node={selectedNode}
              nodes={nodes}
              edges={edges}
              type={types.get(selectedNode.data.nodeType)}
              scope={scope}
              problems={placed.byNode.get(selectedNode.id) ?? []}
              configProblems={placed.byConfigField.get(selectedNode.id) ?? {}}
              readOnly={!writable}
              onConfig={(config) => setConfig(selectedNode.id, config)}
              onRename={(to) => rename(selectedNode.id, to)}
              onConnect={connect}
              onDelete={() => {
                setNodes((current) => current.filter((n) => n.id !== selectedNode.id));
                setEdges((current) => current.filter((e) => e.source !== selectedNode.id && e.target !== selectedNode.id));
                setSelected({});
              }}
            />
          ) : selectedEdge ? (
            <EdgeInspector
              edge={selectedEdge}
              source={nodes.find((n) => n.id === selectedEdge.source)}
              problems={placed.byEdge.get(selectedEdge.id) ?? []}
              readOnly={!writable}
              onChange={(change) => setEdges((current) => current.map((e) => (e.id === selectedEdge.id ? change(e) : e)))}
              onDelete={() => {
                setEdges((current) => current.filter((e) => e.id !== selectedEdge.id));
                setSelected({});
              }}
            />
          ) : (
            <FlowInspector
              name={name}
              description={description}
              status={status}
              readOnly={!writable}
              error={saveError instanceof ApiError ? saveError : null}
              general={placed.general}
              onName={setName}
              onDescription={setDescription}
              onStatus={setStatus}
              onNameChange={() => setDirty(true)}
            />
          )}
        </aside>
      </div>
      {dialog === "versions" && (
        <VersionsDialog
          flow={flow}
          current={definition}
          onClose={() => setDialog(null)}
          onLoad={(loaded) => {
            const canvas = toCanvas(loaded, types);
            setNodes(canvas.nodes);
            setEdges(canvas.edges);
            setSelected({});
            setDialog(null);
          }}
        />
      )}
      {dialog === "run" && <RunDialog flow={flow} dirty={dirty} onClose={() => setDialog(null)} />}
      {dialog === "hook" && <HookDialog flow={flow} onClose={() => setDialog(null)} />}
      {dialog === "schedules" && <SchedulesDialog flow={flow} onClose={() => setDialog(null)} />}
      {blocker.state === "blocked" && (
        <div className="leave-bar" role="alertdialog" aria-label="Unsaved changes">
          <span>This flow has unsaved changes.</span>
          <button type="button" className="danger" onClick={() => blocker.proceed()}>
            Leave without saving
          </button>
          <button type="button" autoFocus onClick={() => blocker.reset()}>
            Stay
          </button>
        </div>
      )}
    </div>
  );
}
