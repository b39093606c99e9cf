"""The commands that read a deck or write one: ``check``, ``export`` and ``import``; and ``doctor``.

Each prints one line a problem and a one-line summary, and paints (with Qt, imported late) only when it
must: ``check`` to measure text as the painter would, ``export`` to draw.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from slideshow.cli.reporting import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    UsageError,
    cannot_write,
    load_or_report,
    qt_quiet,
    tell,
)
from slideshow.deck import Deck, Severity


def _slide_number(where: str) -> int:
    """-1 for deck-wide fields, else the slide's index: hints print in the order of the deck."""
    match = re.match(r"slides\[(\d+)\]", where)
    return int(match.group(1)) if match else -1


def run_check_command(args: argparse.Namespace) -> int:
    result = load_or_report(args.deck)
    deck = result.deck
    problems = list(result.problems)
    if deck is not None:
        from slideshow.hints import deck_hints
        from slideshow.imaging.verify import image_problems
        from slideshow.render.audit import text_problems
        from slideshow.render.offscreen import ensure_gui_application

        with qt_quiet(args):
            ensure_gui_application()  # fonts and text layout: check warns of what the painter would do
            hints = [
                *deck_hints(deck, result.source, args.size),
                *text_problems(deck, result.source, args.size),
            ]
        hints.sort(key=lambda problem: _slide_number(problem.where))  # stable: a slide's hints stay in order
        for problem in [*image_problems(deck, result.source), *hints]:
            tell(problem)
            problems.append(problem)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = len(problems) - len(errors)
    if errors or deck is None:
        tell(f"{result.source}: {len(errors)} problem(s), {warnings} warning(s)")
        return EXIT_BAD_INPUT
    pictures = len({s.image for s in deck.slides if s.image is not None})
    note = f", {warnings} warning(s)" if warnings else ""
    tell(f"{result.source}: ok: {len(deck.slides)} slides, {pictures} pictures{note}", to=sys.stdout)
    return EXIT_OK


def run_export_command(args: argparse.Namespace) -> int:
    out = Path(args.output)
    to_folder = args.output.endswith(("/", os.sep)) or out.is_dir()
    kind = "folder" if to_folder else out.suffix.lower()
    if kind not in ("folder", ".png", ".pdf"):
        raise UsageError(f"{out}: the output must end in .png or .pdf, or be a folder (end it with /)")
    if kind != ".pdf" and (args.per_page is not None or args.notes):
        raise UsageError("--per-page and --notes apply to a .pdf handout")
    result = load_or_report(args.deck)
    if result.deck is None:
        return EXIT_BAD_INPUT
    deck = result.deck
    if kind != ".png":
        return _export_many(deck, out, kind, args)
    if args.slide > len(deck.slides):
        raise UsageError(f"--slide {args.slide}: this deck has {len(deck.slides)} slides")
    from slideshow.export import export_png

    try:
        with qt_quiet(args):
            export_png(deck, args.slide - 1, args.size, out)
    except OSError as error:
        return cannot_write(out, error)
    return EXIT_OK


def _export_many(deck: Deck, out: Path, kind: str, args: argparse.Namespace) -> int:
    """The PDF handout or one PNG per slide, with a progress bar on a terminal and a one-line summary."""
    from slideshow.progress import ProgressBar

    bar = ProgressBar("export")
    try:
        with qt_quiet(args):
            if kind == ".pdf":
                from slideshow.handout import export_handout

                pages = export_handout(deck, out, per_page=args.per_page or 1, notes=args.notes, progress=bar)
                summary = f"{out}: {pages} pages, {out.stat().st_size / 1e6:.1f} MB"
            else:
                from slideshow.export import export_folder

                written = export_folder(deck, out, args.size, progress=bar)
                summary = f"{out}: {len(written)} slides, {written[0].name} ... {written[-1].name}"
    except OSError as error:
        bar.close()
        return cannot_write(out, error)
    bar.close()
    tell(summary, to=sys.stdout)
    return EXIT_OK


def run_import_command(args: argparse.Namespace) -> int:
    from slideshow.importer import ImportProblem, deck_path_for, import_folder
    from slideshow.progress import ProgressBar

    folder = Path(args.folder)
    deck_path = deck_path_for(folder, args.output)
    bar = ProgressBar("import")
    try:
        result = import_folder(folder, deck_path, force=args.force, progress=bar)
    except ImportProblem as problem:
        bar.close()
        tell(f"slideshow: {problem}")
        return EXIT_BAD_INPUT
    except OSError as error:
        bar.close()
        return cannot_write(deck_path, error)
    bar.close()
    for skipped in result.skipped:
        tell(f"{skipped.path}: skipped: {skipped.reason}")
    tell(f"wrote {deck_path}: {result.summary()}", to=sys.stdout)
    for line in result.missing():
        tell(f"  {line}", to=sys.stdout)
    return EXIT_OK


def run_doctor_command(_args: argparse.Namespace) -> int:
    from slideshow.doctor import run_doctor

    return run_doctor()
