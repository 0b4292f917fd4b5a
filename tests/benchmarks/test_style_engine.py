"""Style generator: our torch port vs the onnxruntime original (same run), preview latency.

Run: .venv/bin/python -m pytest tests/benchmarks/test_style_engine.py -s
"""

import statistics
import time

import numpy as np
import onnxruntime as ort
import pytest
import torch

from stylerec_app.engine.style_net import load_style_net, onnx_path
from stylerec_app.engine.style_spec import STYLES
from stylerec_app.engine.stylize import StyleSpec, Stylizer

THREADS = 2


def _time(fn, repeats=7) -> float:
    fn()  # warm-up
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


@pytest.mark.parametrize("side", [256, 384, 512])
def test_torch_generator_vs_onnxruntime(benchmark, side):
    torch.set_num_threads(THREADS)
    options = ort.SessionOptions()
    options.intra_op_num_threads = THREADS
    session = ort.InferenceSession(str(onnx_path()), options, providers=["CPUExecutionProvider"])
    net = load_style_net()
    x = np.random.default_rng(0).random((1, 3, side, side), dtype=np.float32)
    w = np.eye(STYLES, dtype=np.float32)[5]
    reference = _time(lambda: session.run(None, {"image": x, "style_weights": w}))
    xt, wt = torch.from_numpy(x), torch.from_numpy(w)

    def ours():
        with torch.inference_mode():
            net(xt, wt)

    benchmark.pedantic(ours, rounds=7, iterations=1, warmup_rounds=1)
    mine = benchmark.stats.stats.median
    print(f"\n{side}²: torch {mine * 1000:.0f} ms, onnxruntime {reference * 1000:.0f} ms "
          f"({THREADS} threads), torch/onnx ratio {mine / reference:.2f}")


def test_studio_preview_latency(demo_master):
    """What a slider move costs in the Studio: render at preview size (512) with a mask."""
    from stylerec_app.services.styling import StyleService
    from stylerec_app.storage.database import open_store

    store = open_store(demo_master, create=True)
    photo = StyleService(store).product_photo("D0003")
    store.close()
    stylizer = Stylizer("cpu")
    weights = np.zeros(STYLES)
    weights[[2, 8]] = (0.4, 0.6)
    samples = []
    for i in range(30):
        spec = StyleSpec(weights=tuple(weights), strength=0.3 + 0.02 * i, mask="background",
                         max_side=512)
        start = time.perf_counter()
        stylizer.render(photo, spec)
        samples.append((time.perf_counter() - start) * 1000)
    samples = sorted(samples[1:])
    p50, p95 = samples[len(samples) // 2], samples[int(len(samples) * 0.95)]
    print(f"\nStudio preview (320² photo, background mask, CPU): p50 {p50:.0f} ms, "
          f"p95 {p95:.0f} ms")
