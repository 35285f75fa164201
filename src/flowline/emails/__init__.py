"""Emails: model-written drafts (as artifacts), sending and searching through email channels."""
