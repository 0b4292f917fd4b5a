"""Any picture as a style: Magenta's predictor (image → 100-d) and transform (int8 ONNX).

Both stay on onnxruntime (they are quantised). The transform works at 384 px on
the longer side; its output is resized back to the photo's size.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from stylerec_app.engine.style_signature import StylePredictor, _session

SIZE = 384


class ArbitraryStyler:
    def __init__(self, threads: int | None = None) -> None:
        self.predictor = StylePredictor(threads)
        self.session = _session("arbitrary_transform", threads)
        self.inputs = [i.name for i in self.session.get_inputs()]

    def style_vector(self, style_image: Image.Image) -> np.ndarray:
        return self.predictor.signature(style_image)

    def apply(self, image: Image.Image, vector: np.ndarray) -> Image.Image:
        w, h = image.size
        scale = SIZE / max(w, h)
        sw, sh = max(1, round(w * scale)), max(1, round(h * scale))
        small = np.asarray(image.resize((sw, sh), Image.Resampling.LANCZOS), np.float32) / 255.0
        small = np.pad(small, ((0, SIZE - sh), (0, SIZE - sw), (0, 0)), mode="reflect")
        out = self.session.run(None, {self.inputs[0]: small[None],
                                      self.inputs[1]: vector.reshape(1, 1, 1, -1)
                                      .astype(np.float32)})[0][0][:sh, :sw]
        result = Image.fromarray((np.clip(out, 0, 1) * 255 + 0.5).astype(np.uint8))
        return result.resize((w, h), Image.Resampling.LANCZOS) if result.size != (w, h) else result
