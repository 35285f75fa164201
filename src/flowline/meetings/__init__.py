"""Meeting transcripts summarised by a model: summary, decisions, action items."""
