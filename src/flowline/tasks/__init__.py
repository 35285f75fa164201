"""Scheduled agent tasks: a prompt given to an agent on a cron schedule."""
