"""Tool results too large for a prompt, kept whole beside their conversation."""
