"""Callback signing keys: the organisation's ``Flowline-Signature`` keys, made on first need."""
