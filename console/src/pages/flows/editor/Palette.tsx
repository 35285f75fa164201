import type { NodeType } from "../../../api/types";

export const DRAG_TYPE = "application/x-flowline-node-type";

/** Every node type the server has; click (or Enter) adds one, or drag it onto the canvas. */
export function Palette({ types, onAdd, disabled }: { types: NodeType[]; onAdd: (type: string) => void; disabled: boolean }) {
  return (
    <aside className="palette" aria-label="Node types">
      <h2>Add a node</h2>
      <ul>
        {types.map((type) => (
            <li key={type.name}>
              <button
                type="button"
                draggable={!disabled}
                disabled={disabled}
                title={type.description}
                aria-label={`Add ${type.name} node`}
                onClick={() => onAdd(type.name)}
                onDragStart={(event) => {
                  event.dataTransfer.setData(DRAG_TYPE, type.name);
                  event.dataTransfer.effectAllowed = "copy";
                }}
              >
                {type.name}
              </button>
            </li>
          ))}
      </ul>
    </aside>
  );
}
