"""The continuum step a project offers, when its engagement plan decides it.

A team that plans its partners' engagement phase by phase (accompagnement) offers the
highest step it planned. This app cannot read the plan, which lives above it: the plan's
app registers here the function that reads it, and the project form and `project_update`
then keep the planned step rather than the one typed.
"""

from collections.abc import Callable

_readers: list[Callable] = []


def register(reader: Callable) -> None:
    """`reader(project)` returns the step its plan sets, or None without a plan."""
    if reader not in _readers:
        _readers.append(reader)


def planned_step(project) -> int | None:
    if project.pk is None:
        return None
    steps = [step for step in (reader(project) for reader in _readers) if step is not None]
    return max(steps, default=None)
