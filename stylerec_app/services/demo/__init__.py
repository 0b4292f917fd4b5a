"""The built-in demo store: rendered product photos and simulated shoppers with hidden tastes."""

from stylerec_app.services.demo.generate import DemoSummary, create_demo_store, load_tastes

__all__ = ["DemoSummary", "create_demo_store", "load_tastes"]
