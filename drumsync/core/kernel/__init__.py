"""The batch scorer's loops compiled from C (``judge_kernel.c``), when they could be built.

Installing the project compiles ``judge_kernel.c`` into ``_judge_kernel.bin`` beside it
(the build hook, ``hatch_build.py``: a shared library, not named ``.so`` so that nothing
takes it for a Python module); where no C compiler is found the install still succeeds and
scoring uses the numpy path, which gives the same results, only slower.
:func:`compiled` returns the loaded library or None; setting ``DRUMSYNC_NO_KERNEL=1``
makes it None (the tests score both ways). The library is loaded with ctypes and needs no
Python headers; a library built from other source (its version differs) is left unused.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

#: The compiled library's file, beside this module.
LIBRARY_PATH = Path(__file__).with_name("_judge_kernel.bin")
#: The sources it is built from (every C file beside this module); ``SOURCE_PATH`` holds
#: ``ds_kernel_version``.
SOURCE_PATHS = tuple(sorted(Path(__file__).parent.glob("*.c")))
SOURCE_PATH = Path(__file__).with_name("judge_kernel.c")
#: ``ds_kernel_version()`` of the source this module calls.
KERNEL_VERSION = 10
#: Set (to anything but "" or "0") to score with the numpy path even where the library is.
DISABLE_ENV = "DRUMSYNC_NO_KERNEL"

#: What the loops return (``kernel.h``): judged, or stopped at a hit out of time order, or
#: (below 0) at a bad hit, a shared point's note range outside its part, or out of memory.
JUDGED = 0
EVENTS_NOT_SORTED = 1
POINT_OUTSIDE_PART = -4
NO_MEMORY = -5

_i64 = ctypes.c_int64
_ptr = ctypes.c_void_p
_SIGNATURES = {
    "ds_kernel_version": (_i64, ()),
    "ds_unjudged": (None, (_i64, _ptr, ctypes.c_double, _i64) + (_ptr,) * 4),
    "ds_judge": (
        _i64,
        (_i64, _ptr, _ptr, _ptr, _ptr, _i64, _ptr, _ptr, _ptr, ctypes.c_double) + (_ptr,) * 9,
    ),
    "ds_fold": (_i64, (_i64, _ptr, _ptr, _ptr, _ptr, _i64, _i64, _i64, _ptr)),
    "ds_point_hit_times": (_i64, (_i64, _ptr, _ptr, _i64, _ptr, _ptr, _i64, _ptr)),
    "ds_pair_deltas": (_i64, (_i64,) + (_ptr,) * 12),
    "ds_score_match": (
        _i64,
        (_i64, _ptr, _ptr, _ptr, _ptr, _i64, _ptr, _ptr, _ptr, _i64, _ptr, _i64)
        + (ctypes.c_double, _ptr, _ptr, _ptr, _i64, _i64, _i64, _i64, _i64)
        + (_ptr,) * 9,
    ),
    "ds_shared_points": (_i64, (_i64, _ptr, _i64, _ptr, ctypes.c_double) + (_ptr,) * 6),
}


def address(array: np.ndarray) -> int:
    """The address of a C-contiguous array's first element (checked, as C reads it flat)."""
    if not array.flags.c_contiguous:
        raise ValueError("the compiled scorer needs contiguous arrays")
    return array.__array_interface__["data"][0]


def _load() -> tuple[ctypes.CDLL | None, str]:
    """The library and "", or None and why it is not used."""
    if not LIBRARY_PATH.is_file():
        return None, "not built: no C compiler at install"
    try:
        library = ctypes.CDLL(str(LIBRARY_PATH))
        for name, (result, arguments) in _SIGNATURES.items():
            function = getattr(library, name)
            function.restype, function.argtypes = result, arguments
    except (OSError, AttributeError) as error:
        return None, f"cannot be loaded: {error}"
    version = library.ds_kernel_version()
    if version != KERNEL_VERSION:
        return None, f"built from other source: version {version}, expected {KERNEL_VERSION}"
    return library, ""


_LOADED, _WHY_NOT = _load()


def compiled() -> ctypes.CDLL | None:
    """The compiled scorer loops (the functions of ``judge_kernel.c``), or None: not built,
    unloadable, or turned off."""
    if os.environ.get(DISABLE_ENV, "") not in ("", "0"):
        return None
    return _LOADED


@contextmanager
def turned_off() -> Iterator[None]:
    """Inside it :func:`compiled` is None and the numpy path scores (to compare the two)."""
    saved = os.environ.get(DISABLE_ENV)
    os.environ[DISABLE_ENV] = "1"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(DISABLE_ENV, None)
        else:
            os.environ[DISABLE_ENV] = saved


def status() -> str:
    """One line: which scorer loops are in use, and why when not the compiled ones."""
    if _LOADED is None:
        return f"numpy (compiled loops {_WHY_NOT})"
    if compiled() is None:
        return f"numpy (compiled loops turned off: {DISABLE_ENV})"
    return "compiled"


__all__ = [
    "DISABLE_ENV",
    "EVENTS_NOT_SORTED",
    "JUDGED",
    "KERNEL_VERSION",
    "LIBRARY_PATH",
    "NO_MEMORY",
    "POINT_OUTSIDE_PART",
    "SOURCE_PATH",
    "SOURCE_PATHS",
    "address",
    "compiled",
    "status",
    "turned_off",
]
