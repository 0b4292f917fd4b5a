"""Style services: training with cancel/resume into the bank, picture styles, export, CLI."""

import numpy as np
import pytest
from PIL import Image

from stylerec_app.domain.errors import Cancelled, StyleRecError
from stylerec_app.domain.progress import CancelToken
from stylerec_app.engine.style_trainer import TrainConfig
from stylerec_app.engine.stylize import Stylizer
from stylerec_app.services.importing import import_generic
from stylerec_app.services.style_training import checkpoint_path, train_style
from stylerec_app.services.styling import StyleService
from tests.engine.test_style_trainer import _stripes
from tests.services.test_cli import run
from tests.services.test_profiles import _shop


@pytest.fixture
def shop(store, tmp_path):
    import_generic(store, _shop(tmp_path / "shop"))
    return store


def test_training_cancels_resumes_and_joins_the_bank(shop, tmp_path, engines):
    picture = tmp_path / "stripes.png"
    _stripes().save(picture)
    token = CancelToken()
    samples = []

    def progress(p):
        if p.done >= 3:
            token.cancel()

    config = TrainConfig(size=48, steps=6, batch=1)
    with pytest.raises(Cancelled, match="resume"):
        train_style(shop, [picture], "Stripes", engines, config=config, progress=progress,
                    cancel=token,
                    checkpoint_every=2)
    assert checkpoint_path(shop, "Stripes").exists()
    result = train_style(shop, [picture], "Stripes", engines, config=config, checkpoint_every=2,
                         preview=lambda step, image, record: samples.append(step),
                         preview_every=2)
    assert result.resumed_from == 3 and result.steps == 6 and len(result.history) == 6
    assert samples == [4, 6]
    assert not checkpoint_path(shop, "Stripes").exists()

    service = StyleService(shop)
    stylizer = engines.stylizer
    choices = {c.name: c for c in service.sync(stylizer)}
    assert choices["Stripes"].kind == "trained" and choices["Stripes"].index == 26
    spec = service.spec_for(stylizer, blend="Stripes:0.5,3:0.5")
    assert spec.weights[26] == 0.5 and spec.weights[3] == 0.5
    photo = service.product_photo("P0")
    assert stylizer.render(photo, spec).size == photo.size
    with pytest.raises(StyleRecError, match="already exists"):
        train_style(shop, [picture], "Stripes", engines, config=config)


def test_picture_styles_are_saved_by_name_and_export_writes_whole_files(shop, tmp_path):
    picture = tmp_path / "p.png"
    Image.effect_mandelbrot((128, 128), (-2, -1.5, 1, 1.5), 60).convert("RGB").save(picture)
    service = StyleService(shop)
    stylizer = Stylizer("cpu")
    service.add_picture_style(stylizer, "Fractal", picture)
    with pytest.raises(StyleRecError, match="already exists"):
        service.add_picture_style(stylizer, "Fractal", picture)
    spec = service.spec_for(stylizer, style="Fractal", strength=0.8)
    assert spec.source == "arbitrary" and len(spec.vector) == 100
    folder = tmp_path / "out"
    token = CancelToken()
    done = []

    def progress(p):
        done.append(p.done)
        if p.done == 2:
            token.cancel()

    with pytest.raises(Cancelled):
        service.export(stylizer, ["P0", "P1", "P2", "P3"], spec, folder, progress=progress,
                       cancel=token)
    files = sorted(f.name for f in folder.iterdir())
    assert files == ["P0.png", "P1.png"]  # whole files only, no partial ones
    assert Image.open(folder / "P0.png").size == (64, 96)


def test_shopper_blend_needs_profiles(shop):
    with pytest.raises(StyleRecError, match="build profiles first"):
        StyleService(shop).shopper_blend("u1")
    with pytest.raises(StyleRecError, match="No shopper"):
        StyleService(shop).shopper_blend("nobody")


def test_stylize_command(shop, tmp_path):
    db = shop.label
    out = tmp_path / "out.png"
    result = run("stylize", "--db", db, "--product", "P1", "--style", "5", "--mask",
                 "background", "--strength", "0.8", "--device", "cpu", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Wrote" in result.stdout and Image.open(out).size == (64, 96)
    original = np.asarray(Image.open(tmp_path / "shop" / "images" / "P1.png"), np.int16)
    assert np.abs(np.asarray(Image.open(out), np.int16) - original).max() > 10
    missing = run("stylize", "--db", db, "--product", "P1", "--shopper", "u1", "-o", str(out))
    assert missing.returncode == 1 and "build profiles first" in missing.stderr
