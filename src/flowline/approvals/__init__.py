"""Approvals: the decisions people make for waiting steps and agents' tool calls."""
