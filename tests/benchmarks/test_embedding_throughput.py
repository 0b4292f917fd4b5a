"""Image-embedding throughput on H&M photos: our pipeline vs a bare torch loop, same run.

Run: .venv/bin/python -m pytest tests/benchmarks/test_embedding_throughput.py -s
"""

import time

import torch

from stylerec_app.engine.image_embedding import SIZE, ImageEmbedder, to_tensor
from stylerec_app.engine.images import load_rgb, square_on_background

N = 256
BATCH = 16


def test_image_embedding_throughput(benchmark, shared_hm):
    paths = sorted(str(p) for p in (shared_hm / "images").rglob("*.jpg"))[:N]
    embedder = ImageEmbedder()
    tensors = [to_tensor([square_on_background(load_rgb(p), SIZE) for p in paths[i:i + BATCH]])
               for i in range(0, N, BATCH)]
    with torch.inference_mode():  # bare loop: decoded tensors in memory, network only
        embedder.net.extract_features(tensors[0])
        start = time.perf_counter()
        for x in tensors:
            torch.nn.functional.normalize(embedder.net.extract_features(x).mean((2, 3)), dim=1)
        bare = time.perf_counter() - start

    def ours():
        for i in range(0, N, BATCH):
            embedder.embed_paths(paths[i : i + BATCH])

    benchmark.pedantic(ours, rounds=1, iterations=1)
    mine = benchmark.stats.stats.mean
    print(f"\nImage embeddings on {N} H&M photos, {torch.get_num_threads()} threads: "
          f"pipeline {N / mine:.1f} img/s (decode+pad+network), bare torch loop "
          f"{N / bare:.1f} img/s (network only), ratio {mine / bare:.2f}")
