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


def test_product_profiling_against_the_bare_network(benchmark, shared_hm, tmp_path):
    """Whole product profiles (decode, embedding, style signature, palette, writes) per
    product, against the bare EfficientNet loop over the same photos."""
    from stylerec_app.services.importing import GenericSource, import_generic
    from stylerec_app.services.profiles import build_profiles
    from stylerec_app.storage.database import open_store
    from tests.helpers import write_csv

    paths = sorted((shared_hm / "images").rglob("*.jpg"))[:N]
    write_csv(tmp_path / "products.csv", ["product_id", "title", "image"],
              [[p.stem, f"Article {p.stem}", str(p.relative_to(shared_hm / "images"))]
               for p in paths])
    store = open_store(tmp_path / "s.sqlite", create=True)
    import_generic(store, GenericSource(products=tmp_path / "products.csv",
                                        images=shared_hm / "images"))
    from stylerec_app.services.engines import Engines

    engines = Engines()
    embedder = engines.image
    assert engines.style and len(engines.style_bank) and engines.text  # loaded before the clock
    tensors = [to_tensor([square_on_background(load_rgb(p), SIZE) for p in paths[i:i + BATCH]])
               for i in range(0, N, BATCH)]
    with torch.inference_mode():
        embedder.net.extract_features(tensors[0])
        start = time.perf_counter()
        for x in tensors:
            torch.nn.functional.normalize(embedder.net.extract_features(x).mean((2, 3)), dim=1)
        bare = (time.perf_counter() - start) / N
    report = benchmark.pedantic(lambda: build_profiles(store, engines), rounds=1, iterations=1)
    ours = benchmark.stats.stats.mean / N
    store.close()
    assert report.images_computed == N
    print(f"\nProduct profiles on {N} H&M photos: {ours * 1000:.0f} ms per product (bare "
          f"EfficientNet loop {bare * 1000:.0f} ms per photo): {bare / ours:.2f}× its speed")
