"""GPU timing and correctness for a lent GPU (not part of any test run).

Run on the GPU machine: python tests/benchmarks/gpu_timing.py
Prints: CUDA parity (fp32 and fp16) of the style generator against the CPU, its
latency at 256²/384²/512²/1024², the vintage CycleGAN latency, and image-embedding
throughput.
"""

import time

import torch

from stylerec_app.engine.image_embedding import ImageEmbedder
from stylerec_app.engine.style_net import load_style_net
from stylerec_app.engine.style_spec import STYLES
from stylerec_app.engine.vintage import load_vintage


def timed(fn, repeats=20):
    fn()
    torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(repeats):
        fn()
    torch.cuda.synchronize()
    return (time.perf_counter() - start) / repeats * 1000


def main() -> None:
    assert torch.cuda.is_available(), "no CUDA device"
    print("device:", torch.cuda.get_device_name(0))
    cpu_net = load_style_net("cpu")
    gpu = load_style_net("cuda")
    half = load_style_net("cuda").half()
    w = torch.eye(STYLES)[5]
    x = torch.rand(1, 3, 256, 256)
    with torch.inference_mode():
        ref = cpu_net(x, w)
        fp32 = gpu(x.cuda(), w.cuda()).cpu()
        fp16 = half(x.cuda().half(), w.cuda().half()).float().cpu()
    print(f"parity vs CPU: fp32 max|Δ| {float((fp32 - ref).abs().max()):.2e}, "
          f"fp16 max|Δ| {float((fp16 - ref).abs().max()):.2e}")
    for side in (256, 384, 512, 1024):
        xs = torch.rand(1, 3, side, side, device="cuda")
        with torch.inference_mode():
            t32 = timed(lambda xs=xs: gpu(xs, w.cuda()))
            t16 = timed(lambda xs=xs: half(xs.half(), w.cuda().half()))
        print(f"style net {side}²: fp32 {t32:.1f} ms, fp16 {t16:.1f} ms")
    vintage = load_vintage("cuda")
    xv = torch.rand(1, 3, 256, 256, device="cuda")
    with torch.inference_mode():
        print(f"vintage CycleGAN 256²: {timed(lambda: vintage(xv * 2 - 1), 10):.1f} ms")
    embedder = ImageEmbedder(torch.device("cuda"))
    batch = torch.rand(128, 3, 224, 224, device="cuda")
    with torch.inference_mode():
        ms = timed(lambda: embedder.net.extract_features(batch), 5)
    print(f"EfficientNet-Lite0 embeddings: {128 / ms * 1000:.0f} images/s (batch 128)")


if __name__ == "__main__":
    main()
