"""Sub-agents: agents with a parent, each offered to its parent as a tool."""
