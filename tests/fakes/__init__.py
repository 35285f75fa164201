"""Fakes of the outside world, served for real on loopback."""
