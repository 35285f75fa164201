// One run: its flow's graph with each node coloured by its latest step, live; the
// steps with their input, output and error; the events; cancel, retry, approve.
import { Background, Controls, ReactFlow, ReactFlowProvider, type Edge, type NodeChange } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { api, type Page } from "../../api/client";
import { live, type RunEvent } from "../../api/live";
import { nodeTypes as fetchNodeTypes } from "../../api/nodeTypes";
import { ENDED, type Envelope, type Flow, type FlowVersion, type NodeType, type Run, type Step } from "../../api/types";
import { ErrorBox } from "../../components/ErrorBox";
import { duration, pretty, when } from "../../components/format";
import { useApi } from "../../components/useApi";
import { nodeTypes, type FlowNode } from "../../graph/FlowNodeView";
import { toCanvas } from "../../graph/convert";
import "@xyflow/react/dist/style.css";
import "./run.css";

const REFRESH_DELAY_MS = 250;
// Constant props: React Flow re-syncs its store whenever one changes identity.
const FIT_VIEW = { maxZoom: 1, padding: 0.2 };
const PRO = { hideAttribution: true };
const MAX_EVENTS = 2000;

interface Loaded {
  run: Run;
  version: FlowVersion | null;
  flowName: string | null;
  types: NodeType[];
  events: RunEvent[];
}

async function findVersion(run: Run, signal: AbortSignal): Promise<FlowVersion | null> {
  if (!run.flow_id) return null;
  for (let page = 0; page < 50; page++) {
    const versions = await api.get<Page<FlowVersion>>(`/flows/${run.flow_id}/versions`, { page, size: 100 }, signal);
    const found = versions.data.find((v) => v.id === run.flow_version_id);
    if (found) return found;
    if (page + 1 >= versions.pages) break;
  }
  return null;
}

async function loadEvents(runId: string, signal: AbortSignal): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  let after = 0;
  while (events.length < MAX_EVENTS) {
    const page = await api.get<Page<Omit<RunEvent, "run_id">>>(`/runs/${encodeURIComponent(runId)}/events`, { after_seq: after, size: 100 }, signal);
    events.push(...page.data.map((e) => ({ ...e, run_id: runId })));
    if (page.data.length < 100) break;
    after = page.data[page.data.length - 1].seq;
  }
  return events;
}

/** The latest attempt of each node: what its colour shows. */
export function latestSteps(steps: Step[]): Map<string, Step> {
  const latest = new Map<string, Step>();
  for (const step of steps) latest.set(step.node_id, step); // steps come in the order they started
  return latest;
}

export function RunPage() {
  const { runId = "" } = useParams();
  const loaded = useApi(
    async (signal): Promise<Loaded> => {
      // Events first, then the run: the live stream resumes after the last event read, so
      // the run (its steps) must be read no earlier than that event, or a step that
      // changed between the two reads would never be shown (a run left waiting sends no
      // later event to correct it).
      const events = await loadEvents(runId, signal);
      const run = (await api.get<Envelope<Run>>(`/runs/${encodeURIComponent(runId)}`, undefined, signal)).data;
      const [flow, types] = await Promise.all([
        run.flow_id
          ? api.get<Envelope<Flow>>(`/flows/${run.flow_id}`, undefined, signal).catch(() => null)
          : Promise.resolve(null),
        fetchNodeTypes(),
      ]);
      // Most runs are of the flow's current version: its definition came with the flow.
      const version =
        flow && flow.data.current_version_id === run.flow_version_id
          ? ({ id: run.flow_version_id, number: flow.data.version, definition: flow.data.definition } as FlowVersion)
          : await findVersion(run, signal);
      return { run, version, flowName: flow?.data.name ?? null, types, events };
    },
    [runId],
  );
  if (loaded.error) return <ErrorBox error={loaded.error} />;
  if (!loaded.data) return <p className="loading">Loading the run…</p>;
  return <RunView key={loaded.data.run.id} initial={loaded.data} />;
}

function RunView({ initial }: { initial: Loaded }) {
  const [run, setRun] = useState(initial.run);
  const [events, setEvents] = useState(initial.events);
  const [stepStates, setStepStates] = useState<Map<string, { status: string; attempt: number }>>(new Map());
  const [actionError, setActionError] = useState<unknown>(null);
  const [refreshError, setRefreshError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const types = useMemo(() => new Map(initial.types.map((t) => [t.name, t])), [initial.types]);

  const refresh = useCallback(async () => {
    try {
      const fresh = (await api.get<Envelope<Run>>(`/runs/${run.id}`)).data;
      setRun(fresh);
      setStepStates(new Map());
      setRefreshError(null);
    } catch (error) {
      setRefreshError(error);
    }
  }, [run.id]);

  // Events arrive as they commit; node colours follow each event at once, the full run
  // (inputs, outputs) is re-read a moment after a burst.
  // The stream of a run ends with the run; a retry starts a new one (`generation`),
  // after the last event already shown.
  const lastSeq = useRef(initial.events.length ? initial.events[initial.events.length - 1].seq : 0);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    return live.followRun(initial.run.id, {
      afterSeq: lastSeq.current,
      onEvent: (event) => {
        lastSeq.current = Math.max(lastSeq.current, event.seq);
        setEvents((current) => (current.length >= MAX_EVENTS ? current : [...current, event]));
        const data = event.data as { node_id?: string; status?: string; attempt?: number };
        if (event.type.startsWith("step.") && data.node_id) {
          const status = event.type === "step.started" ? "running" : (data.status ?? event.type.slice(5));
          setStepStates((current) => new Map(current).set(data.node_id!, { status, attempt: data.attempt ?? 1 }));
        }
        if (event.type.startsWith("run.") && data.status) {
          setRun((current) => ({ ...current, status: data.status as Run["status"] }));
        }
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => void refresh(), REFRESH_DELAY_MS);
      },
      onError: (message) => setRefreshError(new Error(message)),
    });
  }, [initial.run.id, generation, refresh]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const latest = useMemo(() => latestSteps(run.steps), [run.steps]);
  const graph = useMemo(() => {
    if (!initial.version) return null;
    const canvas = toCanvas(initial.version.definition, types);
    return { nodes: canvas.nodes, edges: canvas.edges };
  }, [initial.version, types]);
  // The canvas measures each node once; a node object made anew (its state changed)
  // carries that size, or the canvas would hide it until a resize it may never see.
  const [measured, setMeasured] = useState<Map<string, { width: number; height: number }>>(new Map());
  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const sized = changes.flatMap((c) => (c.type === "dimensions" && c.dimensions ? [[c.id, c.dimensions] as const] : []));
    if (sized.length) setMeasured((current) => new Map([...current, ...sized]));
  }, []);
  const nodes: FlowNode[] = useMemo(
    () =>
      (graph?.nodes ?? []).map((node) => {
        const live = stepStates.get(node.id);
        const step = latest.get(node.id);
        const state = live?.status ?? step?.status;
        const attempts = live?.attempt ?? step?.attempt;
        const made = state ? { ...node, data: { ...node.data, state, attempts } } : node;
        const size = measured.get(node.id);
        return size ? { ...made, measured: size } : made;
      }),
    [graph, stepStates, latest, measured],
  );
  const edges: Edge[] = useMemo(() => {
    const taken = new Set(run.steps.map((s) => `${s.node_id}:${s.outcome ?? ""}`));
    return (graph?.edges ?? []).map((edge) =>
      taken.has(`${edge.source}:${String(edge.label)}`) ? { ...edge, animated: false, className: "taken" } : edge,
    );
  }, [graph, run.steps]);

  async function act(path: string, body?: unknown) {
    setBusy(true);
    setActionError(null);
    try {
      await api.post(`/runs/${run.id}/${path}`, body);
      if (path === "retry") setGeneration((g) => g + 1);
      await refresh();
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  }

  const ended = ENDED.has(run.status);
  return (
    <div className="run-page">
      <div className="toolbar">
        <h1 className="run-title">
          Run <span className="mono">{run.id}</span>
        </h1>
        <span className={`badge ${run.status}`} role="status" aria-live="polite" aria-label={`Run status: ${run.status}`}>
          {run.status}
        </span>
        {run.flow_id && (
          <Link to={`/flows/${run.flow_id}`}>
            {initial.flowName ?? run.flow_id}
            {initial.version ? ` (version ${initial.version.number})` : ""}
          </Link>
        )}
        <span className="muted">
          {run.trigger} · {when(run.created_at)}
        </span>
        <span className="spacer" />
        {!ended && (
          <button type="button" className="danger" disabled={busy} onClick={() => act("cancel")}>
            Cancel run
          </button>
        )}
        {run.status === "failed" && (
          <button type="button" disabled={busy} onClick={() => act("retry")}>
            Retry
          </button>
        )}
        {run.status === "waiting" && (
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => act("approve")}>
              Approve
            </button>
            <button type="button" disabled={busy} onClick={() => act("approve", { decision: "deny" })}>
              Deny
            </button>
          </>
        )}
      </div>
      <ErrorBox error={actionError} title="Not done" />
      <ErrorBox error={refreshError} title="Live update failed" />
      {run.error && (
        <div className="error-box" role="alert">
          <strong>{run.error.code}</strong>: {run.error.message}
          {run.error.node_id && <> (node {String(run.error.node_id)})</>}
        </div>
      )}
      <div className="run-body">
        <div className="run-graph" aria-label="Flow graph with step states">
          {graph ? (
            <ReactFlow
              nodes={nodes}
              edges={edges}
              onNodesChange={onNodesChange}
              nodeTypes={nodeTypes}
              nodesDraggable={false}
              nodesConnectable={false}
              elementsSelectable={false}
              fitView
              fitViewOptions={FIT_VIEW}
              proOptions={PRO}
            >
              <Background gap={16} />
              <Controls showInteractive={false} />
            </ReactFlow>
          ) : (
            <p className="muted">The flow version of this run is not available.</p>
          )}
        </div>
        <div className="run-side">
          <h2>Input</h2>
          <pre>{pretty(run.input)}</pre>
          {run.status === "succeeded" && (
            <>
              <h2>Output</h2>
              <pre>{pretty(run.output)}</pre>
            </>
          )}
          {Object.keys(run.vars ?? {}).length > 0 && (
            <>
              <h2>Vars</h2>
              <pre>{pretty(run.vars)}</pre>
            </>
          )}
        </div>
      </div>
      <h2>Steps</h2>
      <StepsTable steps={run.steps} />
      <h2>Events</h2>
      <ol className="events" aria-label="Events">
        {events.map((event) => (
          <li key={event.seq}>
            <span className="mono muted">#{event.seq}</span> <span className="event-type">{event.type}</span>{" "}
            <span className="muted">{when(event.created_at)}</span>{" "}
            {typeof event.data.node_id === "string" && <span className="mono">{event.data.node_id}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}

function StepsTable({ steps }: { steps: Step[] }) {
  if (steps.length === 0) return <p className="muted">No steps yet.</p>;
  return (
    <table className="list steps" aria-label="Steps">
      <thead>
        <tr>
          <th>Node</th>
          <th>Type</th>
          <th>Attempt</th>
          <th>Status</th>
          <th>Outcome</th>
          <th>Started</th>
          <th>Took</th>
          <th>Input, output, error</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((step) => (
          <tr key={step.id} data-step-node={step.node_id}>
            <td className="mono">{step.node_id}</td>
            <td>{step.node_type}</td>
            <td>
              {step.attempt}
              {step.attempt_group > 1 ? ` (retry ${step.attempt_group - 1})` : ""}
            </td>
            <td>
              <span className={`badge ${step.status}`}>{step.status}</span>
            </td>
            <td>{step.outcome ?? "—"}</td>
            <td>{when(step.started_at)}</td>
            <td>{duration(step.duration_ms)}</td>
            <td>
              <details>
                <summary>Show</summary>
                <h3>Input</h3>
                <pre>{pretty(step.input)}</pre>
                <h3>Output</h3>
                <pre>{pretty(step.output)}</pre>
                {step.error && (
                  <>
                    <h3>Error</h3>
                    <pre>{pretty(step.error)}</pre>
                  </>
                )}
              </details>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RunPageWithProvider() {
  return (
    <ReactFlowProvider>
      <RunPage />
    </ReactFlowProvider>
  );
}
