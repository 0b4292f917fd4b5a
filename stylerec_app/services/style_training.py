"""Train a new style from a merchandiser's pictures over the catalog's own product photos.

Progress and cancel per step; a checkpoint every few steps (and on cancel) so a
run resumes where it stopped; samples for a live preview; the finished style is
saved in the store and joins the style bank.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch
from PIL import Image

from stylerec_app.domain.errors import Cancelled, StyleRecError
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink, ignore_progress
from stylerec_app.engine.images import BadImage, load_rgb
from stylerec_app.engine.style_trainer import StyleTrainer, TrainConfig
from stylerec_app.services.engines import Engines
from stylerec_app.services.styling import StyleService
from stylerec_app.storage import catalog_repo, styles_repo
from stylerec_app.storage.database import Store

Preview = Callable[[int, Image.Image, dict], None]
__all__ = ["TrainConfig", "TrainResult", "checkpoint_path", "read_checkpoint", "train_style"]


@dataclass
class TrainResult:
    name: str
    steps: int
    history: list[dict]
    sample: Image.Image | None
    resumed_from: int = 0


def checkpoint_path(store: Store, name: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
    return store.path.with_name(store.path.stem + "_media") / "style_training" / f"{safe}.pt"


def read_checkpoint(path: Path) -> dict:
    """A checkpoint as tensors and plain values; never runs code from the file
    (`weights_only=True` refuses any pickled object that is not a tensor or a builtin)."""
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
        if not isinstance(state, dict) or not {"step", "rows", "critic"} <= set(state):
            raise ValueError("not a StyleRec style-training checkpoint")
        return state
    except Exception as exc:  # noqa: BLE001 — pickle payloads, damage, foreign files alike
        raise StyleRecError(code="checkpoint.unreadable", path=str(path),
                            detail=str(exc).splitlines()[0][:200] if str(exc)
                            else type(exc).__name__) from None


def catalog_photos(store: Store, limit: int = 64, seed: int = 0) -> list[Image.Image]:
    with store.read() as session:
        paths = catalog_repo.usable_photo_paths(session)
    random.Random(seed).shuffle(paths)
    photos = []
    for path in paths:
        try:
            photos.append(load_rgb(path, 512))
        except BadImage:
            continue
        if len(photos) >= limit:
            break
    if not photos:
        raise StyleRecError("The catalog has no usable product photos to train on.")
    return photos


def train_style(store: Store, pictures: list[Path], name: str, engines: Engines, *,
                config: TrainConfig | None = None,
                progress: ProgressSink = ignore_progress, cancel: CancelToken | None = None,
                preview: Preview | None = None, preview_every: int = 20,
                checkpoint_every: int = 20, resume: bool = True) -> TrainResult:
    cancel = cancel or CancelToken()
    config = config or TrainConfig()
    name = name.strip()
    if not name:
        raise StyleRecError("Give the new style a name.")
    with store.read() as session:
        if any(n == name for n, _, _, _ in styles_repo.list_styles(session)):
            raise StyleRecError(f"A style named {name!r} already exists; choose another name.")
    styles = []
    for picture in pictures:
        try:
            styles.append(load_rgb(str(picture), 1024))
        except BadImage as exc:
            raise StyleRecError(f"Cannot use {picture} as a style image: {exc}") from None
    ckpt = checkpoint_path(store, name)
    saved = read_checkpoint(ckpt) if resume and ckpt.exists() else None  # fails fast
    if not resume:
        ckpt.unlink(missing_ok=True)  # starting over, as asked
    content = catalog_photos(store)
    trainer = StyleTrainer(styles, content, config, engines.device.device, vgg=engines.vgg)
    resumed = 0
    if saved is not None:
        trainer.load_state(saved)
        resumed = trainer.step_count

    def save_checkpoint() -> None:
        ckpt.parent.mkdir(parents=True, exist_ok=True)
        tmp = ckpt.with_suffix(".part")
        torch.save(trainer.state(), tmp)
        tmp.replace(ckpt)

    sample_source = content[0]
    progress(Progress(trainer.step_count, config.steps, "train-style"))
    while trainer.step_count < config.steps:
        if cancel.cancelled:
            save_checkpoint()
            raise Cancelled(f"Training stopped at step {trainer.step_count}; run it again with "
                            "the same name to resume.")
        record = trainer.step()
        step = trainer.step_count
        progress(Progress(step, config.steps, "train-style"))
        if preview is not None and (step % preview_every == 0 or step == config.steps):
            preview(step, trainer.sample(sample_source, 256), record)
        if step % checkpoint_every == 0:
            save_checkpoint()
    StyleService(store).save_trained(
        name, trainer.style_rows(),
        {"pictures": [Path(p).name for p in pictures], "steps": config.steps,
         "size": config.size, "history": trainer.history[-400:]})
    ckpt.unlink(missing_ok=True)
    return TrainResult(name, trainer.step_count, trainer.history,
                       trainer.sample(sample_source, 256), resumed)
