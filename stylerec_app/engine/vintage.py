"""The CycleGAN "vintage" generator (ResNet-9) with vintagify's trained weights.

Defined here rather than imported: vintagify imports torchvision and more at
import time. Input and output are in [-1, 1]; about a second per 256² image on
two CPU cores, so live previews of it need a GPU.
"""

from __future__ import annotations

import torch
from torch import nn

from stylerec_app.engine.weights import weight_file

MODEL_VERSION = "vintagify-G_A2B@epoch33"


class _ResBlock(nn.Module):
    def __init__(self, dim: int) -> None:
        super().__init__()
        self.block = nn.Sequential(
            nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3), nn.InstanceNorm2d(dim, affine=True),
            nn.ReLU(), nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3),
            nn.InstanceNorm2d(dim, affine=True))

    def forward(self, x):
        return x + self.block(x)


class ResnetGenerator(nn.Module):
    def __init__(self, ngf: int = 64, blocks: int = 9) -> None:
        super().__init__()
        layers: list[nn.Module] = [nn.ReflectionPad2d(3), nn.Conv2d(3, ngf, 7),
                                   nn.InstanceNorm2d(ngf, affine=True), nn.ReLU()]
        ch = ngf
        for _ in range(2):
            layers += [nn.Conv2d(ch, ch * 2, 3, stride=2, padding=1),
                       nn.InstanceNorm2d(ch * 2, affine=True), nn.ReLU()]
            ch *= 2
        layers += [_ResBlock(ch) for _ in range(blocks)]
        for _ in range(2):
            layers += [nn.ConvTranspose2d(ch, ch // 2, 3, stride=2, padding=1, output_padding=1),
                       nn.InstanceNorm2d(ch // 2, affine=True), nn.ReLU()]
            ch //= 2
        layers += [nn.ReflectionPad2d(3), nn.Conv2d(ngf, 3, 7), nn.Tanh()]
        self.model = nn.Sequential(*layers)

    def forward(self, x):
        return self.model(x)


def load_vintage(device: torch.device | str = "cpu") -> ResnetGenerator:
    path = weight_file("vintagify", "resources/G_A2B_epoch33.pth", "vintagify")
    net = ResnetGenerator()
    net.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    return net.eval().to(device)


@torch.inference_mode()
def vintage(net: ResnetGenerator, rgb01: torch.Tensor) -> torch.Tensor:
    """B×3×H×W in 0–1 → same, through the [-1, 1] generator (sides padded to multiples of 4)."""
    h, w = rgb01.shape[-2:]
    ph, pw = (-h) % 4, (-w) % 4
    x = torch.nn.functional.pad(rgb01, (0, pw, 0, ph), mode="reflect") if ph or pw else rgb01
    out = net(x * 2 - 1)[..., :h, :w]
    return (out + 1) / 2
