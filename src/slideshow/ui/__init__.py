"""The show's windows and what drives them.

Importing this package first makes PySide6 quicker to start: PySide6 asks of every module imported
after it whether its source names "PySide6" (for its ``__feature__`` switches), and asks with
``inspect.getsource``, which searches all of ``sys.modules`` on every call. Over the hundred-odd modules
a show imports that is about 10 ms of a 270 ms start. Reading the module's file answers the same
question at once; anything that is not a plain source file still goes to PySide6's own check, and a
PySide6 without that hook is left as it is.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType


def _quicker_pyside_source_check() -> None:
    import shiboken6  # noqa: F401  (it loads the hook that the PySide6 modules then call)

    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], object] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "reads_the_file", False):
        return
    check = original

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(check(module))

    uses_pyside.reads_the_file = True  # type: ignore[attr-defined]
    uses_pyside.original = check  # type: ignore[attr-defined]  # for the test that both agree
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]


_quicker_pyside_source_check()
