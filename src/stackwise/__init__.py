"""stackwise: Python or Node.js for your backend, answered with reasons and evidence."""

from __future__ import annotations

__version__ = "0.1.0"
