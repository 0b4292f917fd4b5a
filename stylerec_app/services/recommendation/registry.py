"""The recommender registry: the one list of models that training, serving, evaluation,
the CLI and the UI all read.

A model is a Recommender class that declares what it needs (``needs``), how it is tuned
(``grid``) and whether it trains with torch (``trains_on_device``); its defaults are its
constructor's. Registering it (``REGISTRY.register(MyModel)``) is all it takes for it to
appear in ``stylerec train``, ``stylerec evaluate``, the Recommendations and Evaluation
areas. A variant of a class (the hybrid without its style feature) is registered with the
constructor arguments that make it, and may say which model it is the ablation of.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass, field

from stylerec_app.domain.errors import StyleRecError
from stylerec_app.engine.recommenders.base import ItemKNN, Popularity, Recommender
from stylerec_app.engine.recommenders.candidates import (
    AgeTrending,
    CoPurchase,
    ImageNeighbours,
    Repeat,
    SameFamily,
    SegmentTrending,
    Trending,
)
from stylerec_app.engine.recommenders.content import ContentNN
from stylerec_app.engine.recommenders.factor import ALS, BPR, VBPR
from stylerec_app.engine.recommenders.family import FamilyRule
from stylerec_app.engine.recommenders.hybrid import Hybrid
from stylerec_app.engine.recommenders.ranker import Ranker


@dataclass(frozen=True)
class ModelSpec:
    name: str
    cls: type[Recommender]
    fixed: Mapping[str, object] = field(default_factory=dict)
    needs: frozenset[str] = frozenset()  # required inputs: "images", "text", "style"
    may_use: frozenset[str] = frozenset()  # used when present (e.g. images)
    grid: tuple[dict, ...] = ()
    ablation_of: str | None = None  # evaluated beside that model, to measure what it adds
    summary: str = ""
    generator: bool = False  # a candidate source of the ranker (evaluable, rarely served)

    @property
    def served(self) -> bool:
        """Trained by "train all": models a merchandiser serves (not ablations or sources)."""
        return self.ablation_of is None and not self.generator

    @property
    def needs_images(self) -> bool:
        return "images" in self.needs

    @property
    def uses_images(self) -> bool:
        """Reads product image vectors (required or when present): marked "img" in reports
        and never chosen as the non-visual baseline."""
        return "images" in self.needs or "images" in self.may_use

    @property
    def uses_style(self) -> bool:
        """Runs the restyling and image networks while ranking (style affinity), as a
        requirement or when the store has what it takes."""
        return "style" in self.needs or "style" in self.may_use

    def defaults(self) -> dict:
        params = {name: p.default for name, p in inspect.signature(self.cls).parameters.items()
                  if p.default is not inspect.Parameter.empty and name != "style_affinity"}
        return {**params, **self.fixed}

    def make(self, params: Mapping | None = None, device: str | None = None) -> Recommender:
        """A fresh model with `params` over its defaults; `device` for models that train
        with torch (ignored by the others)."""
        given = {k: v for k, v in dict(params or {}).items() if k not in self.fixed}
        if self.cls.trains_on_device and device is not None:
            given.setdefault("device", device)
        try:
            return self.cls(**{**given, **self.fixed})
        except TypeError as exc:
            raise StyleRecError(f"Bad parameters for {self.name}: {exc}") from None


class Registry:
    def __init__(self) -> None:
        self._specs: dict[str, ModelSpec] = {}

    def register(self, cls: type[Recommender], *, name: str | None = None,
                 fixed: Mapping | None = None, needs=None, may_use=None, grid=None,
                 ablation_of: str | None = None, summary: str = "",
                 generator: bool = False) -> ModelSpec:
        name = name or cls().name
        spec = ModelSpec(name, cls, dict(fixed or {}),
                         frozenset(cls.needs if needs is None else needs),
                         frozenset(may_use or ()), tuple(cls.grid if grid is None else grid),
                         ablation_of, summary or (cls.__doc__ or "").strip().split("\n")[0],
                         generator)
        self._specs[name] = spec
        return spec

    def unregister(self, name: str) -> None:
        self._specs.pop(name, None)

    def names(self) -> list[str]:
        return list(self._specs)

    def served_names(self) -> list[str]:
        return [s.name for s in self._specs.values() if s.served]

    def specs(self) -> list[ModelSpec]:
        return list(self._specs.values())

    def get(self, name: str) -> ModelSpec:
        spec = self._specs.get(name)
        if spec is None:
            raise StyleRecError(f"Unknown model {name!r}; choose one of "
                                f"{', '.join(self._specs)}.")
        return spec

    def __contains__(self, name: str) -> bool:
        return name in self._specs

    def ablations_of(self, name: str) -> list[str]:
        return [s.name for s in self._specs.values() if s.ablation_of == name]


REGISTRY = Registry()
REGISTRY.register(Popularity, summary="What most shoppers bought (optionally recent)")
REGISTRY.register(ItemKNN, summary="Products bought together with what they engaged with")
REGISTRY.register(FamilyRule, summary="Other colours of what they engaged with, then "
                  "products bought with theirs, then what sells this week")
REGISTRY.register(ALS, summary="Matrix factorisation for implicit feedback (implicit's ALS)")
REGISTRY.register(BPR, summary="Bayesian personalised ranking")
REGISTRY.register(VBPR, summary="BPR with a visual factor from the product photos")
REGISTRY.register(ContentNN, summary="Photos and texts close to what they engaged with")
REGISTRY.register(Hybrid, name="hybrid", fixed={"use_style": True},
                  summary="A learned blend of the models above plus style affinity")
REGISTRY.register(Hybrid, name="hybrid-no-style", fixed={"use_style": False}, needs=(),
                  may_use={"images"}, ablation_of="hybrid",
                  summary="The hybrid without style affinity (its ablation)")
# The ranker's candidate sources: each evaluable alone, trained by the ranker itself.
for _source, _summary in (
        (SameFamily, "Other colours and variants of what they engaged with"),
        (CoPurchase, "Often bought with their recent purchases"),
        (Trending, "What sells now (time-decayed popularity)"),
        (SegmentTrending, "What sells now in the categories they shop"),
        (AgeTrending, "What sells now with shoppers of their age"),
        (Repeat, "What they bought before (buy-again analysis only)"),
        (ImageNeighbours, "Photos close to their recent purchases")):
    REGISTRY.register(_source, summary=_summary, generator=True)
REGISTRY.register(Ranker, may_use={"images", "style"},
                  summary="A learned ranker (LightGBM) over the candidate generators")
REGISTRY.register(Ranker, name="ranker-no-images", fixed={"use_images": False},
                  ablation_of="ranker", summary="The ranker without photos (its ablation)")
REGISTRY.register(Ranker, name="ranker-no-style", fixed={"use_style": False},
                  may_use={"images"}, ablation_of="ranker",
                  summary="The ranker without style features (its ablation)")
