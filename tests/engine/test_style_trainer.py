"""A short GAN training run on tiny images: the style loss falls; the style can be blended."""

import numpy as np
import torch
from PIL import Image, ImageDraw

from stylerec_app.engine.style_trainer import PatchCritic, StyleTrainer, TrainConfig
from stylerec_app.engine.vgg import load_vgg


def _stripes() -> Image.Image:
    img = Image.new("RGB", (96, 96), (250, 220, 40))
    draw = ImageDraw.Draw(img)
    for x in range(0, 96, 12):
        draw.rectangle([x, 0, x + 5, 96], fill=(20, 30, 160))
    return img


def _products() -> list[Image.Image]:
    out = []
    for colour in ((200, 40, 40), (40, 160, 70), (90, 90, 90)):
        img = Image.new("RGB", (80, 100), (244, 244, 244))
        ImageDraw.Draw(img).ellipse([15, 20, 65, 85], fill=colour)
        out.append(img)
    return out


def test_vgg_weights_are_the_real_ones():
    vgg = load_vgg()
    assert abs(float(vgg.body[0].bias[0]) - 0.7301776) < 1e-5


def test_critic_scores_patches():
    scores = PatchCritic()(torch.rand(2, 3, 64, 64))
    assert scores.shape[0] == 2 and scores.shape[1] == 1 and scores.shape[-1] >= 6


def test_short_training_run_lowers_the_style_loss_and_trains_only_the_new_row():
    trainer = StyleTrainer([_stripes()], _products(), TrainConfig(size=64, steps=24, batch=2))
    before = {k: v.clone() for k, v in trainer.net.style_rows(3).items()}
    for _ in range(24):
        trainer.step()
    style = [r["style"] for r in trainer.history]
    assert np.mean(style[-4:]) < 0.8 * np.mean(style[:4]), style
    assert all(np.isfinite(r["total"]) for r in trainer.history)
    after = trainer.net.style_rows(3)
    assert all(torch.equal(before[k], after[k]) for k in before)  # built-in styles untouched
    rows = trainer.style_rows()
    assert len(rows) == 2 * 18
    sample = trainer.sample(_products()[0])
    assert sample.size == (80, 100)
