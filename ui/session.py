"""What a screen needs: the open office, the signed-in user and the background runner."""

from __future__ import annotations

from dataclasses import dataclass

from app.context import Office
from app.rules.permissions import Actor, allowed
from ui.tasks import TaskRunner


@dataclass
class UiSession:
    office: Office
    actor: Actor
    runner: TaskRunner

    def may(self, action: str) -> bool:
        """Only to hide what the user cannot do; the core checks again."""
        return allowed(self.actor, action)
