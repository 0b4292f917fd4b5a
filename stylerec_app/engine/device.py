"""One place that picks the torch device: CUDA, then Apple MPS, then CPU.

A device is only used after a tiny allocation on it succeeds; otherwise we fall
back to the CPU and say why, so the UI can show the notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

SETTINGS = ("auto", "cpu", "cuda", "mps")


@dataclass(frozen=True)
class DeviceChoice:
    device: torch.device
    label: str  # "CPU (2 threads)", "CUDA 0: NVIDIA H200", …
    notice: str = ""  # non-empty when the requested device could not be used

    @property
    def is_gpu(self) -> bool:
        return self.device.type in ("cuda", "mps")


def _proves(device: torch.device) -> str:
    """'' when a small tensor round-trips through the device, else the reason."""
    import torch

    try:
        x = torch.arange(16, dtype=torch.float32, device=device)
        if float((x * 2).sum().cpu()) != 240.0:
            return "a test computation gave a wrong result"
    except Exception as exc:  # driver missing, out of memory, unsupported build…
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return ""


def _label(device: torch.device) -> str:
    import torch

    if device.type == "cuda":
        index = device.index or 0
        return f"CUDA {index}: {torch.cuda.get_device_name(index)}"
    if device.type == "mps":
        return "Apple GPU (MPS)"
    return f"CPU ({torch.get_num_threads()} threads)"


def pick_device(setting: str = "auto") -> DeviceChoice:
    """Resolve a setting ('auto', 'cpu', 'cuda', 'cuda:N', 'mps') to a proven device."""
    import torch

    setting = (setting or "auto").strip().lower()
    cpu = torch.device("cpu")
    if setting == "cpu":
        return DeviceChoice(cpu, _label(cpu))
    candidates: list[torch.device] = []
    if setting == "auto":
        if torch.cuda.is_available():
            candidates.append(torch.device("cuda", 0))
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            candidates.append(torch.device("mps"))
    elif setting.startswith("cuda") or setting == "mps":
        try:
            candidates.append(torch.device(setting))
        except RuntimeError:
            return DeviceChoice(cpu, _label(cpu), f"Unknown device '{setting}'; using the CPU.")
    else:
        return DeviceChoice(cpu, _label(cpu), f"Unknown device '{setting}'; using the CPU.")
    reasons = []
    for device in candidates:
        if device.type == "cuda" and not torch.cuda.is_available():
            reasons.append("CUDA is not available in this installation")
            continue
        if device.type == "cuda" and (device.index or 0) >= torch.cuda.device_count():
            reasons.append(f"there is no GPU number {device.index}")
            continue
        why = _proves(device)
        if not why:
            return DeviceChoice(device, _label(device))
        reasons.append(f"{device}: {why}")
    notice = ""
    if setting != "auto" or reasons:
        notice = f"GPU unavailable ({'; '.join(reasons) or 'none found'}); using the CPU."
    return DeviceChoice(cpu, _label(cpu), notice if setting != "auto" or reasons else "")


def batch_size_for(choice: DeviceChoice, cpu: int = 16, gpu: int = 128) -> int:
    return gpu if choice.is_gpu else cpu
