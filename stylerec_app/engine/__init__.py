"""Models on arrays and image paths (torch, onnxruntime); never the database, never Qt."""
