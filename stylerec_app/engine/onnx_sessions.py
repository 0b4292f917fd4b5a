"""ONNX Runtime sessions on the CPU, sized to share the cores with the work beside them,
and the cache of graphs exported from the installed torch weights."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import warnings
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)


def onnx_session(model: str | Path | bytes, threads: int | None = None):
    """A CPU session for a model file or serialized graph. `threads` caps its intra-op
    threads, which then sleep between runs: spinning ones take the cores from the
    network working beside."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    if threads:
        opts.intra_op_num_threads = threads
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(model if isinstance(model, bytes) else str(model), opts,
                                providers=["CPUExecutionProvider"])


def exported_graph(module, example: tuple, inputs: dict[str, dict[int, str]],
                   outputs: dict[str, dict[int, str]]) -> bytes:
    """`module` as an ONNX graph (TorchScript exporter, opset 17) with the named dynamic
    axes: what a cached session is made from."""
    import torch

    buffer = io.BytesIO()
    with warnings.catch_warnings():  # the TorchScript exporter's deprecation notices
        warnings.simplefilter("ignore")
        torch.onnx.export(module.eval(), example, buffer, input_names=list(inputs),
                          output_names=list(outputs), dynamic_axes={**inputs, **outputs},
                          dynamo=False, opset_version=17)
    return buffer.getvalue()


def cached_session(name: str, export: Callable[[], bytes], threads: int | None,
                   cache_dir: Path | None):
    """A session for the graph `export()` makes, kept as `cache_dir/name.onnx` so that later
    starts skip the export (seconds, and torch's model code). A damaged cache file is
    exported again; a cache that cannot be written costs the next start the export."""
    path = cache_dir / f"{name}.onnx" if cache_dir is not None else None
    if path is not None and path.is_file():
        try:
            return onnx_session(path.read_bytes(), threads)
        except Exception:  # noqa: BLE001 - a damaged cache file is made again
            log.warning("The cached network %s did not load; exporting it again", path)
    graph = export()
    if path is not None:
        partial = path.with_suffix(f".{os.getpid()}.part")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(graph)
            os.replace(partial, path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            log.warning("The network %s could not be cached in %s: %s", name, path.parent, exc)
    return onnx_session(graph, threads)
