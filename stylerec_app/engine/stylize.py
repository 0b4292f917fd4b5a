"""Restyling a product photo: the generator, then strength, colour preservation and mask.

The order matters: the generator restyles the whole photo; colour preservation
puts the original colours back under the new texture; the mask decides which
region shows the restyled version; strength blends the result with the photo.
"""

from __future__ import annotations

import numpy as np
import torch
from PIL import Image, ImageFilter

from stylerec_app.engine.images import fit
from stylerec_app.engine.palette import product_mask
from stylerec_app.engine.style_net import MultiStyleNet, load_style_net, onnx_path
from stylerec_app.engine.style_spec import MASK_MODES, STYLES, StyleSpec

__all__ = ["MASK_MODES", "StyleSpec", "Stylizer", "compose", "fit", "keep_colours",
           "region_alpha", "run_bank"]



def to_tensor(image: Image.Image, device, dtype=torch.float32) -> torch.Tensor:
    arr = np.asarray(image.convert("RGB"), dtype=np.float32) / 255.0
    return torch.from_numpy(arr.transpose(2, 0, 1).copy())[None].to(device=device, dtype=dtype)


def to_image(tensor: torch.Tensor) -> Image.Image:
    arr = tensor[0].float().clamp(0, 1).permute(1, 2, 0).cpu().numpy()
    return Image.fromarray((arr * 255 + 0.5).astype(np.uint8))


@torch.inference_mode()
def run_bank(net: MultiStyleNet, image: Image.Image, weights, device, half: bool = False
             ) -> Image.Image:
    """The CIN generator on a photo of any size (reflect-padded to a multiple of 4)."""
    dtype = torch.float16 if half else torch.float32
    x = to_tensor(image, device, dtype)
    h, w = x.shape[-2:]
    ph, pw = (-h) % 4, (-w) % 4
    if ph or pw:
        x = torch.nn.functional.pad(x, (0, pw, 0, ph), mode="reflect")
    wt = torch.as_tensor(np.asarray(weights, dtype=np.float32), device=device, dtype=dtype)
    return to_image(net(x, wt)[..., :h, :w])


def keep_colours(stylised: Image.Image, original: Image.Image) -> Image.Image:
    """New texture, original colours: the stylised luminance with the original's chroma.

    The luminance is matched to the original's mean and spread separately on the
    product and on the background, so the product's mean colour stays what it was.
    """
    sy, _, _ = (np.asarray(c, np.float32) for c in stylised.convert("YCbCr").split())
    oy, ocb, ocr = (np.asarray(c, np.float32) for c in original.convert("YCbCr").split())
    product = product_mask(original)
    y = np.empty_like(sy)
    for region in (product, ~product):
        if region.any():
            s_reg, o_reg = sy[region], oy[region]
            y[region] = (s_reg - s_reg.mean()) / (s_reg.std() + 1e-6) * o_reg.std() + o_reg.mean()
    channels = [Image.fromarray(np.clip(c + 0.5, 0, 255).astype(np.uint8)) for c in (y, ocb, ocr)]
    return Image.merge("YCbCr", channels).convert("RGB")


def region_alpha(original: Image.Image, mode: str) -> np.ndarray | None:
    """H×W alpha of where the restyled image shows (None = everywhere)."""
    if mode == "all":
        return None
    mask = product_mask(original)
    hard = mask.astype(np.float32)
    soft = np.asarray(Image.fromarray((hard * 255).astype(np.uint8))
                      .filter(ImageFilter.GaussianBlur(2)), np.float32) / 255.0
    if mode == "background":
        # Product pixels stay exactly as they were; the edge fades out into the background.
        return 1.0 - np.maximum(hard, soft)
    if mode == "product":
        return np.minimum(hard, soft)  # background untouched; the edge fades inwards
    raise ValueError(f"mask must be one of {', '.join(MASK_MODES)}, not {mode!r}")


def compose(original: Image.Image, stylised: Image.Image, spec: StyleSpec) -> Image.Image:
    if spec.strength <= 0:
        return original.copy()
    if stylised.size != original.size:
        stylised = stylised.resize(original.size, Image.Resampling.LANCZOS)
    if spec.preserve_colour:
        stylised = keep_colours(stylised, original)
    alpha = region_alpha(original, spec.mask)
    alpha = np.full(original.size[::-1], 1.0, np.float32) if alpha is None else alpha
    alpha = alpha * min(1.0, spec.strength)
    o = np.asarray(original, np.float32)
    s = np.asarray(stylised, np.float32)
    out = o + (s - o) * alpha[..., None]
    return Image.fromarray(np.clip(out + 0.5, 0, 255).astype(np.uint8))


class Stylizer:
    """Holds the generators on one device; `render` applies a StyleSpec to a photo."""

    def __init__(self, device: torch.device | str = "cpu", half: bool | None = None) -> None:
        self.device = torch.device(device)
        self.half = (self.device.type == "cuda") if half is None else half
        self.net = load_style_net(self.device)
        if self.half:
            self.net = self.net.half()
        self._arbitrary = None
        self._vintage = None
        self._onnx = None
        # On the CPU, onnxruntime runs the built-in styles faster than torch (see
        # tests/benchmarks/test_style_engine.py); torch is needed on GPUs and for trained rows.
        self.prefer_onnx_on_cpu = self.device.type == "cpu"
        self.trained: dict[str, int] = {}  # style name → row in the bank

    @property
    def styles(self) -> int:
        return self.net.styles

    def add_trained(self, name: str, rows: dict) -> int:
        if name not in self.trained:
            self.trained[name] = self.net.load_style_rows(rows)
        return self.trained[name]

    def arbitrary(self):
        if self._arbitrary is None:
            from stylerec_app.engine.arbitrary_style import ArbitraryStyler

            self._arbitrary = ArbitraryStyler()
        return self._arbitrary

    def vintage_net(self):
        if self._vintage is None:
            from stylerec_app.engine.vintage import load_vintage

            self._vintage = load_vintage(self.device)
        return self._vintage

    def stylise(self, image: Image.Image, spec: StyleSpec) -> Image.Image:
        """The generator's output alone (before strength, colours and mask)."""
        if spec.source == "bank":
            weights = np.zeros(self.styles, np.float32)
            given = np.asarray(spec.weights, np.float32)[: self.styles]
            weights[: len(given)] = given
            if weights.sum() <= 0:
                raise ValueError("style weights are all zero")
            weights = weights / weights.sum()
            if self.prefer_onnx_on_cpu and not weights[STYLES:].any():
                return self._run_onnx(image, weights[:STYLES])
            return run_bank(self.net, image, weights, self.device, self.half)
        if spec.source == "arbitrary":
            return self.arbitrary().apply(image, np.asarray(spec.vector, np.float32))
        if spec.source == "vintage":
            from stylerec_app.engine.vintage import vintage

            return to_image(vintage(self.vintage_net(), to_tensor(image, self.device)))
        raise ValueError(f"unknown style source {spec.source!r}")

    def _run_onnx(self, image: Image.Image, weights: np.ndarray) -> Image.Image:
        if self._onnx is None:
            import onnxruntime as ort

            options = ort.SessionOptions()
            options.log_severity_level = 3
            self._onnx = ort.InferenceSession(str(onnx_path()), options,
                                              providers=["CPUExecutionProvider"])
        arr = np.asarray(image.convert("RGB"), np.float32) / 255.0
        h, w = arr.shape[:2]
        arr = np.pad(arr, ((0, (-h) % 4), (0, (-w) % 4), (0, 0)), mode="reflect")
        out = self._onnx.run(None, {"image": np.ascontiguousarray(arr.transpose(2, 0, 1)[None]),
                                    "style_weights": weights.astype(np.float32)})[0][0]
        out = out.transpose(1, 2, 0)[:h, :w]
        return Image.fromarray((np.clip(out, 0, 1) * 255 + 0.5).astype(np.uint8))

    def render(self, image: Image.Image, spec: StyleSpec) -> Image.Image:
        original = fit(image, spec.max_side)
        if spec.strength <= 0:
            return original
        return compose(original, self.stylise(original, spec), spec)
