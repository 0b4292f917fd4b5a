"""ONNX Runtime sessions on the CPU, sized to share the cores with the work beside them."""

from __future__ import annotations

from pathlib import Path


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
