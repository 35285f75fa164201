"""The turn store: the one writer of a chat turn's rows.

A turn's run, steps and events go through the one door (``engine/transitions.
RunMoves``, held by the turn's :class:`~flowline.agents.turn_log.EventLog`); the
store writes them with the rest of each of the turn's short transactions:

- ``start``: the first (the thread taken, the run, its leased task, the messages);
- ``rounds``: a model call that asked for tools, the tools' results, the calls that
  wait for people (their approvals and questions; the run waits, its task gone);
- ``end``: the last (succeeded, with the answer), a failure, a cancel from outside;
- ``take``: a worker taking a turn over (waiting → running).

Every write is a compare-and-set on the run's status and last event number (the
door's): a turn whose run another writer moved (cancelled) stops there
(``TurnStopped``); one whose task another process leased stops too (``LeaseLost``).
The turn's driver (``chat.py``) calls ``store.TurnStore``'s methods and holds no SQL.
"""

from flowline.agents.turn_store.asks import Asked, Waiting

__all__ = ["Asked", "Waiting"]
