"""Typed outputs of agents (email drafts, meetings, tasks, documents, tables)."""
