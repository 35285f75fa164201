"""Events: the run event log, notifications between processes, and streams."""
