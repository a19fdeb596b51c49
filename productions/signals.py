"""Hooks for the layers above productions (crew, scheduling…) to react to its writes.

Productions sits below crew, so it cannot call crew's services; crew connects to these
signals instead (in ``CrewConfig.ready``). Receivers run synchronously, inside the
sender's transaction, so a failure in one rolls the whole write back.
"""

from django.dispatch import Signal

#: A production was created; ``production`` and its creator ``by`` (a producer).
production_created = Signal()

#: A user was added to a production's team; ``production``, ``user``.
member_added = Signal()
