"""Training a new style for the generator: perceptual losses plus a PatchGAN critic.

Only the new style's row of every conditional-norm table is trained (about a
thousand numbers); the convolutions stay as they are, which is how conditional
instance norm learns a style in minutes and why the result blends with the 26
built-in styles. The loss is VGG19 content + Gram style + an LSGAN adversarial
term from a small PatchGAN discriminator that judges patches of the style images
against patches of the restyled product photos.
"""

from __future__ import annotations

import random
from dataclasses import asdict

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn

from stylerec_app.engine.style_net import load_style_net
from stylerec_app.engine.style_spec import TrainConfig
from stylerec_app.engine.stylize import to_image
from stylerec_app.engine.vgg import CONTENT_LAYER, STYLE_LAYERS, gram, load_vgg


class PatchCritic(nn.Module):
    """PatchGAN discriminator: a real/fake score for each ~34-px patch."""

    def __init__(self, width: int = 32) -> None:
        super().__init__()

        def block(cin, cout, norm=True):
            layers = [nn.Conv2d(cin, cout, 4, stride=2, padding=1)]
            if norm:
                layers.append(nn.InstanceNorm2d(cout, affine=True))
            return [*layers, nn.LeakyReLU(0.2)]

        self.body = nn.Sequential(*block(3, width, norm=False), *block(width, width * 2),
                                  *block(width * 2, width * 4),
                                  nn.Conv2d(width * 4, 1, 4, padding=1))

    def forward(self, x):
        return self.body(x * 2 - 1)


def _tensor(img: Image.Image) -> torch.Tensor:
    arr = np.asarray(img.convert("RGB"), np.float32) / 255.0
    return torch.from_numpy(arr.transpose(2, 0, 1).copy())


def random_view(img: Image.Image, size: int, rng: random.Random) -> Image.Image:
    """A random square crop (at least half the shorter side), resized to `size`."""
    w, h = img.size
    side = rng.randint(max(8, min(w, h) // 2), min(w, h))
    left, top = rng.randint(0, w - side), rng.randint(0, h - side)
    return img.crop((left, top, left + side, top + side)).resize((size, size),
                                                                 Image.Resampling.BILINEAR)


class StyleTrainer:
    def __init__(self, style_images: list[Image.Image], content_images: list[Image.Image],
                 config: TrainConfig | None = None, device: torch.device | str = "cpu",
                 vgg=None) -> None:
        if not style_images or not content_images:
            raise ValueError("training needs at least one style image and one product photo")
        self.config = config or TrainConfig()
        self.device = torch.device(device)
        self.rng = random.Random(self.config.seed)
        torch.manual_seed(self.config.seed)
        self.style_images = [im.convert("RGB") for im in style_images]
        self.content_images = [im.convert("RGB") for im in content_images]
        self.net = load_style_net(self.device)
        self.index = self.net.add_style()
        self.weights = torch.zeros(self.net.styles, device=self.device)
        self.weights[self.index] = 1.0
        params = []
        for conv in self.net.layers.values():
            conv.weight.requires_grad_(False)
            for table in (conv.norm.gamma, conv.norm.beta):
                mask = torch.zeros_like(table)
                mask[self.index] = 1.0
                table.register_hook(lambda grad, m=mask: grad * m)  # train the new row only
                params.append(table)
        self.optimiser = torch.optim.Adam(params, lr=self.config.lr)
        self.critic = PatchCritic().to(self.device)
        self.critic_optimiser = torch.optim.Adam(self.critic.parameters(),
                                                 lr=self.config.critic_lr, betas=(0.5, 0.999))
        self.vgg = vgg if vgg is not None else load_vgg(self.device)  # shared when given
        with torch.no_grad():
            targets = [self.vgg(_tensor(random_view(im, self.config.size, self.rng))[None]
                                .to(self.device), STYLE_LAYERS)
                       for im in self.style_images for _ in range(4)]
        self.style_grams = {layer: torch.stack([gram(t[layer])[0] for t in targets]).mean(0)
                            for layer in STYLE_LAYERS}
        self.step_count = 0
        self.history: list[dict] = []

    def _batch(self, images) -> torch.Tensor:
        return torch.stack([_tensor(random_view(self.rng.choice(images), self.config.size,
                                                self.rng))
                            for _ in range(self.config.batch)]).to(self.device)

    def step(self) -> dict:
        cfg = self.config
        self.net.train()
        content = self._batch(self.content_images)
        output = self.net(content, self.weights)
        feats = self.vgg(output)
        with torch.no_grad():
            target = self.vgg(content, (CONTENT_LAYER,))[CONTENT_LAYER]
        content_loss = F.mse_loss(feats[CONTENT_LAYER], target)
        style_loss = sum(F.mse_loss(gram(feats[layer]),
                                    self.style_grams[layer].expand(len(output), -1, -1))
                         for layer in STYLE_LAYERS)
        fake_score = self.critic(output)
        adversarial = F.mse_loss(fake_score, torch.ones_like(fake_score))
        total = (cfg.content_weight * content_loss + cfg.style_weight * style_loss
                 + cfg.adversarial_weight * adversarial)
        self.optimiser.zero_grad()
        total.backward()
        self.optimiser.step()

        real = self._batch(self.style_images)
        real_score = self.critic(real)
        fake_score = self.critic(output.detach())
        critic_loss = 0.5 * (F.mse_loss(real_score, torch.ones_like(real_score))
                             + F.mse_loss(fake_score, torch.zeros_like(fake_score)))
        self.critic_optimiser.zero_grad()
        critic_loss.backward()
        self.critic_optimiser.step()

        self.step_count += 1
        record = {"step": self.step_count, "total": total.item(),
                  "content": content_loss.item() * cfg.content_weight,
                  "style": style_loss.item() * cfg.style_weight,
                  "adversarial": adversarial.item(), "critic": critic_loss.item()}
        self.history.append(record)
        return record

    @torch.inference_mode()
    def sample(self, image: Image.Image, size: int | None = None) -> Image.Image:
        self.net.eval()
        img = image.convert("RGB")
        if size:
            img.thumbnail((size, size))
        w, h = img.size
        img = img.resize((w - w % 4, h - h % 4))
        return to_image(self.net(_tensor(img)[None].to(self.device), self.weights))

    def style_rows(self) -> dict[str, torch.Tensor]:
        return self.net.style_rows(self.index)

    def state(self) -> dict:
        return {"step": self.step_count, "rows": self.style_rows(),
                "critic": self.critic.state_dict(), "optimiser": self.optimiser.state_dict(),
                "critic_optimiser": self.critic_optimiser.state_dict(),
                "history": self.history, "config": asdict(self.config),
                "rng": self.rng.getstate()}

    def load_state(self, state: dict) -> None:
        for key, conv in self.net.layers.items():
            conv.norm.gamma.data[self.index] = state["rows"][f"{key}.gamma"].to(self.device)
            conv.norm.beta.data[self.index] = state["rows"][f"{key}.beta"].to(self.device)
        self.critic.load_state_dict(state["critic"])
        self.optimiser.load_state_dict(state["optimiser"])
        self.critic_optimiser.load_state_dict(state["critic_optimiser"])
        self.step_count = state["step"]
        self.history = list(state["history"])
        self.rng.setstate(state["rng"])
