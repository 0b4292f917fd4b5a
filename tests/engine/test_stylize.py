"""The torch generator against the onnxruntime original, and the restyling controls."""

import numpy as np
import onnxruntime as ort
import pytest
import torch
from PIL import Image, ImageDraw

from stylerec_app.engine.palette import product_mask
from stylerec_app.engine.style_net import load_style_net, onnx_path
from stylerec_app.engine.style_spec import STYLES
from stylerec_app.engine.stylize import StyleSpec, Stylizer


@pytest.fixture(scope="module")
def net():
    return load_style_net()


@pytest.fixture(scope="module")
def stylizer():
    return Stylizer("cpu")


@pytest.mark.parametrize("size", [(64, 64), (96, 128), (200, 148)])
def test_torch_generator_matches_onnxruntime(net, size):
    session = ort.InferenceSession(str(onnx_path()), providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(sum(size))
    h, w = size[0] - size[0] % 4, size[1] - size[1] % 4
    for weights in (np.eye(STYLES, dtype=np.float32)[7],
                    rng.dirichlet(np.ones(STYLES)).astype(np.float32)):
        image = rng.random((1, 3, h, w), dtype=np.float32)
        reference = session.run(None, {"image": image, "style_weights": weights})[0]
        with torch.inference_mode():
            ours = net(torch.from_numpy(image), torch.from_numpy(weights)).numpy()
        assert ours.shape == reference.shape
        assert float(np.abs(ours - reference).max()) <= 1e-4


def product_photo() -> Image.Image:
    img = Image.new("RGB", (160, 200), (243, 243, 241))
    draw = ImageDraw.Draw(img)
    draw.rectangle([40, 40, 120, 170], fill=(180, 40, 50))
    draw.ellipse([60, 70, 100, 110], fill=(30, 60, 160))
    return img


def spec(**kw) -> StyleSpec:
    weights = np.zeros(STYLES)
    weights[kw.pop("style", 3)] = 1.0
    return StyleSpec(weights=tuple(weights), **kw)


def test_strength_zero_returns_the_input(stylizer):
    photo = product_photo()
    assert np.array_equal(np.asarray(stylizer.render(photo, spec(strength=0.0))),
                          np.asarray(photo))
    half = np.asarray(stylizer.render(photo, spec(strength=0.5)), np.float32)
    full = np.asarray(stylizer.render(photo, spec(strength=1.0)), np.float32)
    original = np.asarray(photo, np.float32)
    assert np.abs(half - (original + full) / 2).max() <= 1.5


def test_background_mask_leaves_product_pixels_unchanged(stylizer):
    photo = product_photo()
    mask = product_mask(photo)
    out = np.asarray(stylizer.render(photo, spec(mask="background")), np.int16)
    original = np.asarray(photo, np.int16)
    assert np.abs(out - original)[mask].max() <= 1
    assert np.abs(out - original)[~mask].mean() > 10  # the background did change


def test_product_mask_leaves_background_unchanged(stylizer):
    photo = product_photo()
    mask = product_mask(photo)
    out = np.asarray(stylizer.render(photo, spec(mask="product")), np.int16)
    original = np.asarray(photo, np.int16)
    assert np.abs(out - original)[~mask].max() <= 1
    assert np.abs(out - original)[mask].mean() > 10


def test_colour_preservation_keeps_the_products_mean_colour(stylizer):
    photo = product_photo()
    mask = product_mask(photo)

    def mean_colour(img):
        return np.asarray(img, np.float32)[mask].mean(0)

    original = mean_colour(photo)
    styled = mean_colour(stylizer.render(photo, spec(style=19)))
    kept = mean_colour(stylizer.render(photo, spec(style=19, preserve_colour=True)))
    assert np.abs(kept - original).max() <= 3.0
    assert np.abs(styled - original).max() > np.abs(kept - original).max()


def test_output_keeps_full_resolution_and_odd_sizes(stylizer):
    photo = product_photo().resize((203, 257))
    assert stylizer.render(photo, spec()).size == (203, 257)
    assert stylizer.render(photo, spec(max_side=128)).size[1] == 128


def test_a_trained_style_row_round_trips_and_blends(net):
    rows = net.style_rows(4)
    other = load_style_net()
    index = other.load_style_rows(rows)
    assert index == STYLES and other.styles == STYLES + 1
    x = torch.rand(1, 3, 64, 64)
    with torch.inference_mode():
        a = other(x, torch.eye(STYLES + 1)[4])
        b = other(x, torch.eye(STYLES + 1)[index])
    assert torch.allclose(a, b, atol=1e-6)


def test_picture_style_and_vintage(stylizer):
    photo = product_photo()
    vector = stylizer.arbitrary().style_vector(Image.effect_mandelbrot((128, 128),
                                                                       (-2, -1.5, 1, 1.5), 50)
                                               .convert("RGB"))
    out = stylizer.render(photo, StyleSpec(source="arbitrary", vector=tuple(vector)))
    assert out.size == photo.size
    assert np.abs(np.asarray(out, np.int16) - np.asarray(photo, np.int16)).mean() > 5
    old = stylizer.render(photo.resize((64, 80)), StyleSpec(source="vintage"))
    assert old.size == (64, 80)


def test_cpu_fast_path_and_torch_path_agree(stylizer):
    photo = product_photo()
    weights = np.zeros(STYLES)
    weights[[2, 9]] = (0.3, 0.7)
    fast = np.asarray(stylizer.stylise(photo, StyleSpec(weights=tuple(weights))), np.int16)
    stylizer.prefer_onnx_on_cpu = False
    try:
        torch_out = np.asarray(stylizer.stylise(photo, StyleSpec(weights=tuple(weights))),
                               np.int16)
    finally:
        stylizer.prefer_onnx_on_cpu = True
    assert np.abs(fast - torch_out).max() <= 1
