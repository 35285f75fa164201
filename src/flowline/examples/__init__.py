"""Runnable examples shipped with Flowline (the CAPI simulator of docs/capi.md)."""
