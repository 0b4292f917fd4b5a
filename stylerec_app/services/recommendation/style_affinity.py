"""Style affinity for the hybrid: products restyled in a shopper's blend, seen by the image model.

For each style s and product i we embed the product restyled in s alone; a
shopper's blend is approximated by mixing those embeddings with the blend's
weights (over the blend's top styles). Embeddings are computed on demand for
the shortlisted products only and cached on disk per style and photo hash. The networks
come from the engines hub (its device; in the app, its inference thread).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from stylerec_app.engine.images import BadImage, load_rgb
from stylerec_app.engine.style_signature import STYLES
from stylerec_app.engine.style_spec import StyleSpec

TOP_STYLES = 2
SIZE = 160
SAVE_EVERY = 256


class RestyledTaste:
    def __init__(self, paths: list[str | None], hashes: list[str | None], cache_dir: Path,
                 engines) -> None:
        self.paths, self.hashes = paths, hashes
        self.cache_dir = cache_dir
        self.engines = engines  # the hub: networks on its device, used on its thread
        self.memory: dict[int, dict[str, np.ndarray]] = {}
        self.computed = 0
        self._unsaved: dict[int, int] = {}  # new embeddings per style not yet on disk

    def _models(self):
        return self.engines.stylizer, self.engines.image

    def flush(self) -> None:
        """Write every style's new embeddings (the app calls it when a ranking is done)."""
        for style, count in list(self._unsaved.items()):
            if count:
                self._save(style)
                self._unsaved[style] = 0

    def _cache(self, style: int) -> dict[str, np.ndarray]:
        if style not in self.memory:
            path = self.cache_dir / f"restyled-{style:02d}.npz"
            self.memory[style] = dict(np.load(path)) if path.exists() else {}
        return self.memory[style]

    def _save(self, style: int) -> None:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = self.cache_dir / f"restyled-{style:02d}.part.npz"
        np.savez(tmp, **self.memory[style])
        tmp.replace(self.cache_dir / f"restyled-{style:02d}.npz")

    def embeddings(self, style: int, items: np.ndarray) -> np.ndarray:
        cache = self._cache(style)
        missing = [i for i in items if self.hashes[i] and self.hashes[i] not in cache]
        if missing:
            stylizer, embedder = self._models()
            weights = tuple(np.eye(STYLES)[style])
            images, keys = [], []
            for i in missing:
                try:
                    photo = load_rgb(self.paths[i], 2 * SIZE)
                except (BadImage, TypeError):
                    continue
                images.append(stylizer.render(photo, StyleSpec(weights=weights, max_side=SIZE)))
                keys.append(self.hashes[i])
            for start in range(0, len(images), 16):
                vecs = embedder.embed_images(images[start : start + 16])
                cache.update(zip(keys[start : start + 16], vecs, strict=True))
            self.computed += len(images)
            # Writing the cache rewrites its file: do it every SAVE_EVERY new embeddings (a
            # lost tail only costs recomputing it), not after each shopper's short list.
            self._unsaved[style] = self._unsaved.get(style, 0) + len(images)
            if self._unsaved[style] >= SAVE_EVERY:
                self._save(style)
                self._unsaved[style] = 0
        dim = next(iter(cache.values())).shape[0] if cache else 1280
        return np.stack([cache.get(self.hashes[i], np.zeros(dim, np.float32)) for i in items])

    def __call__(self, taste: np.ndarray, blend: np.ndarray, items: np.ndarray) -> np.ndarray:
        top = np.argsort(-blend)[:TOP_STYLES]
        weights = blend[top] / max(float(blend[top].sum()), 1e-9)
        mixed = sum(w * self.embeddings(int(s), items) for s, w in zip(top, weights, strict=True))
        mixed = mixed / np.maximum(np.linalg.norm(mixed, axis=1, keepdims=True), 1e-9)
        taste = taste / max(float(np.linalg.norm(taste)), 1e-9)
        return mixed @ taste
