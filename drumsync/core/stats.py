"""Small statistics shared by the scorers, bit for bit what numpy's own functions give."""

from __future__ import annotations

import numpy as np

from .work_buffers import work_array


def mean_and_sd(values: np.ndarray) -> tuple[float | None, float | None]:
    """``np.mean`` and ``np.std`` (population) of a float array, bit for bit, in one go;
    (None, None) when empty."""
    if not len(values):
        return None, None
    mean = np.add.reduce(values) / len(values)
    deviation = np.subtract(values, mean, out=work_array("deviation", len(values)))
    deviation *= deviation
    return float(mean), float(np.sqrt(np.add.reduce(deviation) / len(values)))


__all__ = ["mean_and_sd"]
