"""Agent capabilities: retrieve, plan and reflect, one structured model call each."""
