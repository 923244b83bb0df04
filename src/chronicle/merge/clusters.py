"""A cluster: the events of one happening, their centroid and where they come from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from chronicle.merge.vectors import Centroid, Vector


@dataclass(slots=True)
class Cluster:
    """Event indices of one happening and their centroid."""

    members: list[int]
    centroid: Centroid = field(default_factory=Centroid)
    start: date | None = None
    end: date | None = None
    sentences: dict[str, set[int]] = field(default_factory=dict)  # article id → sentence starts
    statement: bool = False  # only dates of statements ("officials said on Monday"): such a
    # cluster never takes a conflicting date from one that tells the happening itself

    def add(self, i: int, vector: Vector, norm: float) -> None:
        """Put event ``i`` (its vector and norm) in the cluster: its centroid moves."""
        self.members.append(i)
        self.centroid.add(vector, norm)
