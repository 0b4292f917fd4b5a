"""Image-embedding throughput on H&M photos: our pipeline vs a bare torch loop, same run.

The reference is the bare loop over the published EfficientNet-Lite0 as its package builds
it (`load_network`), on photos already decoded into tensors. Our embedder runs the same
weights with the batch norms folded (`inference_network`), exported to ONNX Runtime on a
CPU (`features_session`), so each figure is also printed against those faster bare loops.

Run: .venv/bin/python -m pytest tests/benchmarks/test_embedding_throughput.py -s
"""

import time

import torch

from stylerec_app.engine.image_embedding import SIZE, ImageEmbedder, load_network, to_tensor
from stylerec_app.engine.images import load_rgb, square_on_background

N = 256
BATCH = 16


def bare_loops(paths, embedder) -> tuple[float, float, float]:
    """Seconds per photo, tensors in memory: the published network, our folded one in
    torch, and the same on ONNX Runtime (the embedder's session, as the app sizes it)."""
    tensors = [to_tensor([square_on_background(load_rgb(p), SIZE) for p in paths[i:i + BATCH]])
               for i in range(0, N, BATCH)]
    stock = load_network(torch.device("cpu"))
    out = []
    for net, layout in ((stock, torch.contiguous_format), (embedder.net, torch.channels_last)):
        batches = [x.contiguous(memory_format=layout) for x in tensors]
        with torch.inference_mode():
            for x in batches:  # one whole pass first: the first one runs at half speed
                net.extract_features(x)
            start = time.perf_counter()
            for x in batches:
                torch.nn.functional.normalize(net.extract_features(x).mean((2, 3)), dim=1)
            out.append((time.perf_counter() - start) / N)
    arrays = [x.numpy() for x in tensors]
    for x in arrays:
        embedder.session.run(None, {"photos": x})
    start = time.perf_counter()
    for x in arrays:
        embedder.session.run(None, {"photos": x})
    out.append((time.perf_counter() - start) / N)
    return out[0], out[1], out[2]


def test_image_embedding_throughput(benchmark, shared_hm):
    paths = sorted(str(p) for p in (shared_hm / "images").rglob("*.jpg"))[:N]
    embedder = ImageEmbedder()
    stock, folded, onnx = bare_loops(paths, embedder)

    def ours():
        for i in range(0, N, BATCH):
            embedder.embed_paths(paths[i : i + BATCH])

    benchmark.pedantic(ours, rounds=1, iterations=1)
    mine = benchmark.stats.stats.mean / N
    print(f"\nImage embeddings on {N} H&M photos, {torch.get_num_threads()} threads: "
          f"pipeline {1 / mine:.1f} img/s (decode+pad+network); bare loops (network only): "
          f"published network {1 / stock:.1f} img/s ({stock / mine:.2f}× its speed), "
          f"folded {1 / folded:.1f} img/s ({folded / mine:.2f}×), "
          f"folded on ONNX Runtime {1 / onnx:.1f} img/s ({onnx / mine:.2f}×)")


def test_product_profiling_against_the_bare_network(benchmark, shared_hm, tmp_path):
    """Whole product profiles (decode, embedding, style signature, palette, text, writes)
    per product, against the bare EfficientNet loops over the same photos. This machine's
    speed drifts by a third from minute to minute, so three rounds alternate the reference
    and ours, and the medians are compared."""
    import shutil
    import statistics

    from stylerec_app.services.engines import Engines
    from stylerec_app.services.importing import GenericSource, import_generic
    from stylerec_app.services.profiles import build_profiles
    from stylerec_app.storage.database import open_store
    from tests.helpers import write_csv

    paths = sorted((shared_hm / "images").rglob("*.jpg"))[:N]
    write_csv(tmp_path / "products.csv", ["product_id", "title", "image"],
              [[p.stem, f"Article {p.stem}", str(p.relative_to(shared_hm / "images"))]
               for p in paths])
    store = open_store(tmp_path / "imported.sqlite", create=True)
    import_generic(store, GenericSource(products=tmp_path / "products.csv",
                                        images=shared_hm / "images"))
    store.close()
    engines = Engines()
    assert engines.style and len(engines.style_bank) and engines.text  # loaded before the clock
    stock, folded, onnx, ours = [], [], [], []

    def profile_a_fresh_copy():
        shutil.copy(tmp_path / "imported.sqlite", tmp_path / "s.sqlite")
        fresh = open_store(tmp_path / "s.sqlite")
        start = time.perf_counter()
        report = build_profiles(fresh, engines)
        ours.append((time.perf_counter() - start) / N)
        fresh.close()
        assert report.images_computed == N

    def rounds():
        for _ in range(3):
            for into, value in zip((stock, folded, onnx), bare_loops([str(p) for p in paths],
                                                               engines.image), strict=True):
                into.append(value)
            profile_a_fresh_copy()

    benchmark.pedantic(rounds, rounds=1, iterations=1)
    stock_ms, folded_ms, onnx_ms, ours_ms = (statistics.median(v) * 1000
                                             for v in (stock, folded, onnx, ours))
    print(f"\nProduct profiles on {N} H&M photos, median of 3: {ours_ms:.1f} ms per product "
          f"(rounds {', '.join(f'{v * 1000:.1f}' for v in ours)}). Bare loop of the published "
          f"EfficientNet {stock_ms:.1f} ms per photo: {stock_ms / ours_ms:.2f}× its speed; of "
          f"our folded network {folded_ms:.1f} ms: {folded_ms / ours_ms:.2f}×; of it on ONNX "
          f"Runtime (the app's) {onnx_ms:.1f} ms: {onnx_ms / ours_ms:.2f}×")
