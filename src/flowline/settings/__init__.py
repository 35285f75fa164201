"""Per-user settings over organisation and platform defaults."""
