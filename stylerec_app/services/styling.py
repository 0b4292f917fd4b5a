"""Restyling use cases: style choices, shopper blends, picture styles, export, training."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from stylerec_app.domain.errors import StyleRecError
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink, ignore_progress
from stylerec_app.engine.images import BadImage, fit, load_rgb
from stylerec_app.engine.style_spec import MASK_MODES, STYLES, StyleSpec, TrainConfig
from stylerec_app.storage import profiles_repo, styles_repo
from stylerec_app.storage.database import Store

if TYPE_CHECKING:  # the service opens without torch: the stylizer brings it
    from stylerec_app.engine.stylize import Stylizer

__all__ = ["MASK_MODES", "STYLES", "StyleChoice", "StyleService", "StyleSpec", "TrainConfig",
           "fit", "save_image_atomically"]


@dataclass(frozen=True)
class StyleChoice:
    name: str
    kind: str  # "builtin", "trained", "arbitrary", "vintage"
    index: int | None = None  # row in the generator's bank (builtin and trained)
    vector: tuple[float, ...] = ()  # the style vector of a picture style


# The 26 built-in styles, named from what they look like (rendered on one photo and looked
# at); the app shows them translated (ui/style_names.py), the CLI in English. Numbers and
# the old "Style N" names keep working on the command line.
BUILTIN_NAMES = (
    "Sunny pastel", "Pop-art blocks", "Charcoal wash", "Electric strokes", "Warm impressionist",
    "Autumn palette", "Indigo batik", "Fauve blue and gold", "Pastel line drawing",
    "Floral print", "Sepia oil", "Golden etching", "Misty watercolour", "Green cubist",
    "Frosted blue", "Stained glass", "Blue brushwork", "Woven grid", "Sand line art",
    "Starry blue", "Red expressionist", "Coral cut-paper", "Faded film", "Dusky green",
    "Cream relief", "Mosaic tapestry")


def builtin_name(index: int) -> str:
    return BUILTIN_NAMES[index] if 0 <= index < len(BUILTIN_NAMES) else f"Style {index}"


def build_spec(kind: str, *, weights=None, index: int | None = None, vector=(),
               strength: float = 1.0, mask: str = "all", keep_colours: bool = False,
               max_side: int | None = None) -> StyleSpec | None:
    """The one rule from a style choice to a StyleSpec (CLI, Studio, Recommendations).

    kind: "blend" (weights over the bank: a shopper's blend or a hand mix), "bank" (one
    built-in or trained style, by index), "arbitrary" (a picture's vector) or "vintage".
    None when the choice applies nothing (an all-zero blend)."""
    if mask not in MASK_MODES:
        raise StyleRecError(f"The mask must be one of {', '.join(MASK_MODES)}, not {mask!r}.")
    options = {"strength": float(strength), "mask": mask, "preserve_colour": keep_colours,
               "max_side": max_side}
    if kind == "blend":
        w = np.asarray(weights if weights is not None else (), np.float32)
        if not len(w) or w.sum() <= 0:
            return None
        return StyleSpec(weights=tuple(w.tolist()), **options)
    if kind == "bank":
        w = np.zeros(int(index) + 1, np.float32)
        w[int(index)] = 1.0
        return StyleSpec(weights=tuple(w.tolist()), **options)
    if kind == "vintage":
        return StyleSpec(source="vintage", **options)
    if kind == "arbitrary":
        return StyleSpec(source="arbitrary", vector=tuple(vector), **options)
    raise StyleRecError(f"Unknown kind of style {kind!r}.")


# How a product is shown restyled for a shopper where it stands for the product itself
# (recommendation tiles): the shopper's blend on the background only, so the product keeps
# its real colours and pattern (a shop may not show it in colours it is not sold in).
SHOPPER_LOOK = {"strength": 0.7, "mask": "background", "keep_colours": False}


def shopper_look(blend, max_side: int) -> StyleSpec | None:
    """A product in a shopper's style blend, the way recommendation tiles show it."""
    weights = np.zeros(STYLES, np.float32)
    given = np.asarray(blend, np.float32)[:STYLES]
    weights[: len(given)] = given
    return build_spec("blend", weights=weights, max_side=max_side, **SHOPPER_LOOK)


class StyleService:
    """Stateless over the store; the Stylizer (models on a device) is passed in."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- the style bank ---------------------------------------------------------------------------

    def saved_styles(self) -> list[tuple[str, str, dict, dict]]:
        with self.store.read() as session:
            return styles_repo.list_styles(session)

    def sync(self, stylizer: Stylizer) -> list[StyleChoice]:
        """Load trained styles into the stylizer's bank; every style the user can pick."""
        import torch  # the stylizer has loaded it; the service itself opens without it

        choices = [StyleChoice(builtin_name(i), "builtin", i) for i in range(STYLES)]
        pictures = []
        for name, kind, arrays, _meta in self.saved_styles():
            if kind == "trained":
                rows = {k: torch.from_numpy(v) for k, v in arrays.items()}
                choices.append(StyleChoice(name, "trained", stylizer.add_trained(name, rows)))
            else:
                pictures.append(StyleChoice(name, "arbitrary",
                                            vector=tuple(arrays["vector"].tolist())))
        return choices + pictures + [StyleChoice("Vintage (CycleGAN)", "vintage")]

    def spec_for(self, stylizer: Stylizer, *, shopper: str | None = None,
                 style: str | None = None, blend: str | None = None, weights=None,
                 strength: float = 1.0,
                 mask: str = "background", preserve_colour: bool = False) -> StyleSpec:
        """A StyleSpec from CLI-like choices: a shopper's blend, one style, or a blend."""
        options = {"strength": strength, "mask": mask, "keep_colours": preserve_colour}
        choices = {c.name.lower(): c for c in self.sync(stylizer)}
        spec = None
        if shopper is not None:
            spec = build_spec("blend", weights=self.shopper_blend(shopper), **options)
        elif weights is not None:  # a persona's blend
            spec = build_spec("blend", weights=weights, **options)
        elif blend is not None:
            weights = np.zeros(stylizer.styles, np.float32)
            for part in blend.split(","):
                key, _, amount = part.strip().partition(":")
                weights[self._bank_index(key, choices)] += float(amount or 1.0)
            spec = build_spec("blend", weights=weights, **options)
        elif style is not None:
            choice = self.find_style(style, choices)
            if choice is None:
                raise StyleRecError(f"Unknown style {style!r}: use 0–25, a saved style's name, "
                                    "or 'vintage'.")
            kind = {"builtin": "bank", "trained": "bank"}.get(choice.kind, choice.kind)
            spec = build_spec(kind, index=choice.index, vector=choice.vector, **options)
        else:
            raise StyleRecError("Choose a shopper, a style or a blend.")
        if spec is None:
            raise StyleRecError("The blend gives every style zero weight.")
        return spec

    @staticmethod
    def find_style(key: str, choices: dict) -> StyleChoice | None:
        """A style by name (any case), or a built-in by number ("8" or "Style 8")."""
        key = key.strip().lower()
        if key == "vintage":
            return next((c for c in choices.values() if c.kind == "vintage"), None)
        number = key.removeprefix("style ").strip()
        if key in choices or not number.isdigit():
            return choices.get(key)
        return next((c for c in choices.values() if c.kind == "builtin"
                     and c.index == int(number)), None)

    @classmethod
    def _bank_index(cls, key: str, choices: dict) -> int:
        choice = cls.find_style(key, choices)
        if choice is None or choice.index is None:
            raise StyleRecError(f"{key!r} cannot be blended: use 0–25 or a trained style's name.")
        return choice.index

    def shopper_blend(self, shopper_external_id: str) -> list[float]:
        with self.store.read() as session:
            sid = profiles_repo.shopper_id_for(session, shopper_external_id)
            if sid is None:
                raise StyleRecError(f"No shopper with id {shopper_external_id!r} in this store.")
            _, profile = profiles_repo.shopper_row(session, sid)
        if profile is None or not profile.style_blend:
            raise StyleRecError(f"Shopper {shopper_external_id} has no style blend yet: build "
                                "profiles first (stylerec profile / Profiles → Build Profiles).")
        return list(profile.style_blend)

    # -- images -----------------------------------------------------------------------------------

    def product_photo(self, product_external_id: str) -> Image.Image:
        with self.store.read() as session:
            pid = profiles_repo.product_id_for(session, product_external_id)
            summary = profiles_repo.summaries(session, [pid]).get(pid) if pid else None
        if summary is None:
            raise StyleRecError(f"No product with id {product_external_id!r} in this store.")
        if not summary.image_path or summary.image_status != "ok":
            raise StyleRecError(f"Product {product_external_id} has no usable photo "
                                f"({summary.image_status}).")
        try:
            return load_rgb(summary.image_path)
        except BadImage as exc:
            raise StyleRecError(f"The photo of {product_external_id} cannot be read: {exc}") \
                from None

    def add_picture_style(self, stylizer: Stylizer, name: str, picture: Path) -> None:
        """Any picture as a style: its 100-d style vector, saved under `name`."""
        try:
            image = load_rgb(str(picture), 1024)
        except BadImage as exc:
            raise StyleRecError(f"Cannot use {picture} as a style: {exc}") from None
        vector = stylizer.arbitrary().style_vector(image)
        with self.store.write() as session:
            styles_repo.save_style(session, name, "arbitrary", {"vector": vector},
                                   {"source": Path(picture).name})

    def save_trained(self, name: str, rows: dict, meta: dict, replace_existing: bool = False
                     ) -> None:
        with self.store.write() as session:
            styles_repo.save_style(session, name, "trained",
                                   {k: v.numpy() for k, v in rows.items()}, meta,
                                   replace=replace_existing)

    def export(self, stylizer: Stylizer, product_ids: list[str], spec: StyleSpec, folder: Path,
               fmt: str = "png", progress: ProgressSink = ignore_progress,
               cancel: CancelToken | None = None) -> list[Path]:
        """Restyle and save each product; every file is written whole or not at all."""
        cancel = cancel or CancelToken()
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for i, ext in enumerate(product_ids):
            cancel.raise_if_cancelled()
            image = stylizer.render(self.product_photo(ext), replace(spec, max_side=None))
            written.append(save_image_atomically(image, folder / f"{ext}.{fmt}"))
            progress(Progress(i + 1, len(product_ids), "export"))
        return written


def save_image_atomically(image: Image.Image, target: Path) -> Path:
    fmt = "JPEG" if target.suffix.lower() in (".jpg", ".jpeg") else "PNG"
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=target.suffix + ".part")
    os.close(fd)
    try:
        image.convert("RGB").save(tmp, fmt, **({"quality": 92} if fmt == "JPEG" else {}))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
