"""Voice calls through Vapi: its server-URL webhook, live call state, end-of-call reports."""
