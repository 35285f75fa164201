"""Hooks: a secret URL per flow that starts a run of it from any HTTP client."""
