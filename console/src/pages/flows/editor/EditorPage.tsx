import { ReactFlowProvider } from "@xyflow/react";
import { useParams } from "react-router";
import { api } from "../../../api/client";
import { nodeTypes } from "../../../api/nodeTypes";
import type { Envelope, Flow } from "../../../api/types";
import { ErrorBox } from "../../../components/ErrorBox";
import { useApi } from "../../../components/useApi";
import { Editor } from "./Editor";
import "@xyflow/react/dist/style.css";
import "./editor.css";

export function EditorPage() {
  const { flowId = "" } = useParams();
  const loaded = useApi(
    async (signal) => {
      const [flow, types] = await Promise.all([
        api.get<Envelope<Flow>>(`/flows/${encodeURIComponent(flowId)}`, undefined, signal),
        nodeTypes(),
      ]);
      return { flow: flow.data, types };
    },
    [flowId],
  );
  if (loaded.error) return <ErrorBox error={loaded.error} />;
  if (!loaded.data) return <p className="loading">Loading the flow…</p>;
  return (
    <ReactFlowProvider>
      <Editor key={loaded.data.flow.id} initial={loaded.data.flow} nodeTypeList={loaded.data.types} />
    </ReactFlowProvider>
  );
}
