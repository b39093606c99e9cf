"""The licence texts of everything a frozen app ships, collected into its ``licenses/`` folder.

Redistributing the app means redistributing Qt, Python, Pillow's codecs, libheif and the system libraries
PyInstaller copied from the build machine; each asks for its notice to travel with it. The spec calls
``collect`` with PyInstaller's table of bundled files (destination, source), and every file is traced to
the component it came from:

- an installed distribution (its RECORD lists the file): the licence files in its metadata, plus the
  texts its bundled libraries need that the wheel itself does not carry (``EXTRA_TEXTS``);
- Python itself (libpython, the standard library's extensions): Python's LICENSE.txt;
- a system library on a Debian-like build machine: the owning package's copyright file (dpkg).

Written next to the texts: ``manifest.json`` (component -> licence, texts, bundled files), which
``python packaging/licenses.py check APP_FOLDER`` (run by smoke.sh) reads to fail a release whose
libraries have no notice, or that bundles a GPL library, and ``README.txt``, the same for people.
No third-party import: it runs inside PyInstaller and in the smoke test.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import sysconfig
from importlib.metadata import Distribution, distributions
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "licenses"  # texts no installed metadata carries (Qt's LGPL, ICU's licence)
LGPL3 = ("LGPL-3.0.txt", "GPL-3.0.txt")  # the LGPL v3 is GPL v3 plus permissions: both texts go along

# What a wheel bundles without shipping the text: name on the index -> (licence, texts from TEXTS).
EXTRA_TEXTS: dict[str, tuple[str, tuple[str, ...]]] = {
    # Qt and the bindings, used under the LGPL v3 (the wheels offer LGPL-3.0 OR GPL); Qt's lib folder
    # also holds ICU, under the Unicode licence.
    "pyside6-essentials": ("LGPL-3.0-only", (*LGPL3, "ICU.txt")),
    "shiboken6": ("LGPL-3.0-only", LGPL3),
    # pi-heif's wheel bundles libheif and libde265 (LGPL v3); its LICENSES_bundled.txt only names them.
    "pi-heif": ("BSD-3-Clause AND LGPL-3.0-only", LGPL3),
}
# Libraries whose presence makes the whole bundle GPL: the x264/x265 encoders that pillow-heif brings.
GPL_LIBRARY = re.compile(r"(^|[/\\])(lib)?x26[45]", re.IGNORECASE)
SHARED_LIBRARY = re.compile(r"\.(so(\.\d+)*|dylib|dll|pyd)$", re.IGNORECASE)
REQUIRED = ("Python", "pyside6-essentials", "shiboken6", "pillow", "pi-heif", "slideshow-viewer")


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _files_of_distributions() -> dict[Path, Distribution]:
    owner: dict[Path, Distribution] = {}
    for dist in distributions():
        for file in dist.files or ():
            owner[Path(str(dist.locate_file(file))).resolve()] = dist
    return owner


def _licence_files(dist: Distribution) -> list[Path]:
    found = []
    for file in dist.files or ():
        parts = Path(str(file)).parts
        in_metadata = parts[0].endswith(".dist-info")
        named_like_one = re.match(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", Path(str(file)).name, re.I)
        if in_metadata and (named_like_one or "licenses" in parts):
            found.append(Path(str(dist.locate_file(file))))
    return found


def _python_licence() -> Path | None:
    for folder in (sysconfig.get_paths()["stdlib"], sys.base_prefix):
        if (Path(folder) / "LICENSE.txt").is_file():
            return Path(folder) / "LICENSE.txt"
    return None


def _is_python(source: Path) -> bool:
    name = source.name.lower()
    in_stdlib = str(source).startswith(str(Path(sysconfig.get_paths()["stdlib"]).resolve()))
    # On Windows the Python installation also carries the C runtime DLLs it is licensed with.
    in_windows_python = sys.platform == "win32" and str(source).startswith(
        str(Path(sys.base_prefix).resolve())
    )
    return (
        in_stdlib
        or in_windows_python
        or name.startswith(("libpython", "python3"))
        or name == "base_library.zip"
    )


def _debian_package(source: Path) -> str | None:
    if shutil.which("dpkg-query") is None:
        return None
    for path in dict.fromkeys((source, source.resolve())):
        for candidate in dict.fromkeys((str(path), str(path).replace("/usr/lib/", "/lib/", 1))):
            done = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
            if done.returncode == 0:
                return done.stdout.split(":")[0].strip()
    return None


def _debian_licence(copyright_file: Path) -> str:
    """The licence of the "Files: *" paragraph of a machine-readable copyright file (DEP-5)."""
    text = copyright_file.read_text(encoding="utf-8", errors="replace")
    for paragraph in re.split(r"\n\s*\n", text):
        if re.search(r"^Files:\s*\*\s*$", paragraph, re.M):
            match = re.search(r"^License:\s*(.+)$", paragraph, re.M)
            if match:
                return match.group(1).strip()
    return "see copyright"


class _Components:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.table: dict[str, dict[str, object]] = {}

    def add(self, name: str, licence: str, texts: list[Path], bundled: str | None) -> None:
        entry = self.table.get(name)
        if entry is None:
            entry = self.table[name] = {"licence": licence, "texts": [], "files": []}
            target = self.folder / name
            target.mkdir(parents=True, exist_ok=True)
            for text in texts:
                shutil.copyfile(text, target / text.name)
                entry["texts"].append(f"{name}/{text.name}")  # type: ignore[union-attr]
        if bundled:
            entry["files"].append(bundled)  # type: ignore[union-attr]


def collect(entries: list[tuple[str, str]], folder: Path, project_texts: list[Path]) -> dict[str, object]:
    """Copies the notices of the bundled (destination, source) pairs into ``folder``; returns the manifest."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    components = _Components(folder)
    owner = _files_of_distributions()
    unknown = []
    for destination, source_name in sorted(entries):
        destination = destination.replace("\\", "/")
        source = Path(source_name).resolve()
        dist = owner.get(source)
        if dist is not None:
            name = _normalise(dist.metadata["Name"])
            licence, extra = EXTRA_TEXTS.get(name, (None, ()))
            licence = (
                licence or dist.metadata.get("License-Expression") or dist.metadata.get("License") or "?"
            )
            texts = _licence_files(dist) + [TEXTS / text for text in extra]
            components.add(name, licence, texts, destination)
        elif _is_python(source):
            python_licence = _python_licence()
            components.add("Python", "PSF-2.0", [python_licence] if python_licence else [], destination)
        elif SHARED_LIBRARY.search(destination):
            package = _debian_package(source)
            copyright_file = Path("/usr/share/doc") / (package or "?").split(":")[0] / "copyright"
            if package and copyright_file.is_file():
                name = package.split(":")[0]
                components.add(name, _debian_licence(copyright_file), [copyright_file], destination)
            else:
                unknown.append(destination)
    components.add("slideshow-viewer", "MIT", project_texts, None)
    manifest = {"components": components.table, "unknown": unknown}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", "utf-8")
    (folder / "README.txt").write_text(_readme(components.table), encoding="utf-8")
    return manifest


def _readme(table: dict[str, dict[str, object]]) -> str:
    lines = [
        "Third-party software in this app, and where its licence text is.",
        "Qt, PySide6, libheif and libde265 are used under the GNU LGPL v3: you may replace these",
        "libraries in this folder with your own builds of compatible versions.",
        "",
    ]
    for name, entry in sorted(table.items()):
        texts = ", ".join(entry["texts"]) or "-"  # type: ignore[arg-type]
        lines.append(f"{name}: {entry['licence']} ({texts}); {len(entry['files'])} bundled files")  # type: ignore[arg-type]
    return "\n".join(lines) + "\n"


def _is_gpl_only(licence: str) -> bool:
    """GPL with no LGPL (or other) alternative: 'GPL-2+' is, 'LGPL-3.0-only OR GPL-2.0-only' is not."""
    choices = re.split(r"\s+(?:OR|or)\s+", licence)
    return all(re.match(r"^\(?\s*GPL", choice) for choice in choices)


def check(app: Path) -> list[str]:
    """What is wrong with the notices of a built app folder (empty when nothing is)."""
    folder = app / "licenses" if (app / "licenses").is_dir() else app / "_internal" / "licenses"
    manifest_file = folder / "manifest.json"
    if not manifest_file.is_file():
        return [f"{manifest_file}: missing (the build collects the licences with packaging/licenses.py)"]
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    problems = [f"no licence found for the bundled {file}" for file in manifest["unknown"]]
    covered = set()
    for name, entry in manifest["components"].items():
        covered.update(entry["files"])
        if not entry["texts"]:
            problems.append(f"{name}: no licence text")
        for text in entry["texts"]:
            if not (folder / text).is_file() or (folder / text).stat().st_size == 0:
                problems.append(f"{name}: licence text {text} is missing or empty")
        if _is_gpl_only(entry["licence"]):
            problems.append(f"{name} is GPL ({entry['licence']}): the bundle could not stay MIT/LGPL")
    problems += [
        f"{name}: not in the licence manifest" for name in REQUIRED if name not in manifest["components"]
    ]
    internal = app / "_internal" if (app / "_internal").is_dir() else app
    for library in sorted(internal.rglob("*")):
        relative = library.relative_to(internal).as_posix()
        if GPL_LIBRARY.search(relative):
            problems.append(f"{relative}: a GPL encoder library is bundled")
            continue
        is_library = SHARED_LIBRARY.search(library.name) and library.is_file() and not library.is_symlink()
        if is_library and relative not in covered:
            problems.append(f"{relative}: bundled, but no component's licence covers it")
    return problems


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "check":
        print("usage: python packaging/licenses.py check APP_FOLDER", file=sys.stderr)
        raise SystemExit(2)
    found = check(Path(sys.argv[2]))
    for problem in found:
        print(f"licences: {problem}", file=sys.stderr)
    raise SystemExit(1 if found else 0)
