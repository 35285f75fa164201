"""The one way Flowline calls other systems over HTTP (SAFETY.md)."""
