from __future__ import annotations

from flowline.api.routing import make_router

router = make_router("/api/v1/groups", "Groups")
