"""A local stand-in for the Flow Customer API (seed 000, §7), with faults on demand.

``flowline-capi-sim --port 9000`` (or ``python -m flowline.examples.capi_sim``)
serves it at ``http://127.0.0.1:9000/api/capi``; docs/capi.md walks through it.
"""

from flowline.examples.capi_sim.app import create_app
from flowline.examples.capi_sim.state import Faults, Simulator
from flowline.examples.capi_sim.tokens import mint

__all__ = ["Faults", "Simulator", "create_app", "mint"]
