"""Schedules: flows started by cron expressions in an IANA time zone."""
