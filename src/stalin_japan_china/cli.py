"""The ``sjc`` command line: a thin layer over the public API.

Every filter is the same as the Python function's keyword of the same name, so
``sjc events --actor "Zhang Xueliang" --start 1928 --end 1931`` and
``sjc.events(actor="Zhang Xueliang", start="1928", end="1931")`` give the same
rows. The ``table`` format is for reading, ``csv``/``json``/``parquet`` are exact.

Exit statuses: 0 done; 1 a check (``verify``, ``curate``) found problems; 2 bad input
(a wrong option or value, an output file that cannot be written), one line on stderr;
3 a damaged installation; 141 the reader of our output went away (``sjc events | head
-1``), as for any Unix tool stopped by SIGPIPE. No traceback is printed for any of them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

FORMATS = ("table", "csv", "json", "parquet")
EXPORT_FORMATS = ("csv", "xlsx", "sqlite", "graphml", "gexf", "geojson", "parquet")
EXIT_USAGE = 2
EXIT_DAMAGED = 3
EXIT_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool whose reader went away


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors on one line, like every other error of ``sjc``."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _chapter(text: str) -> int:
    """A chapter number for the curators' tools, which index the book's chapters by it."""
    number = int(text)
    if not 0 <= number <= 6:
        raise ValueError(text)
    return number


def _count(text: str) -> int:
    number = int(text)
    if number < 0:
        raise ValueError(text)
    return number


_chapter.__name__ = "chapter number 0-6"  # argparse names the type in its message
_count.__name__ = "count (0 or more)"


class _Version(argparse.Action):
    """``--version``, looking the version up only when asked: importlib.metadata costs
    tens of milliseconds on every other command."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        from . import __version__

        parser.exit(0, f"{parser.prog} {__version__}\n")


def info() -> str:
    """Version, table sizes and licences of the installed dataset."""
    from . import __version__, book
    from .loading import TABLES, load_table

    lines = [
        f"stalin-japan-china {__version__} (code MIT, data CC BY 4.0)",
        f"built from {book.AUTHOR}, {book.TITLE} ({book.PUBLISHER}, {book.YEAR}), doi:{book.DOI}",
        "",
    ]
    width = max(map(len, TABLES))
    lines += [f"  {name:<{width}}  {load_table(name).num_rows:>6} rows" for name in TABLES]
    return "\n".join(lines)


def _schema_vocabulary(table: str, column: str) -> list[str]:
    """A column's vocabulary from the Parquet file's schema alone: no rows, no pandas."""
    import pyarrow.parquet as pq

    from .loading import data_dir

    field = pq.read_schema(data_dir() / f"{table}.parquet").field(column)
    return json.loads((field.metadata or {}).get(b"vocabulary", b"[]"))


class _FilterHelp(argparse.HelpFormatter):
    """Help that lists each filter's vocabulary, read only when ``--help`` is asked for."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        declared = getattr(action, "declared", None)
        if declared is None:
            return action.help
        from .filters import help_text

        return help_text(declared, _schema_vocabulary).replace("%", "%%")


def _add_filters(
    sub: argparse.ArgumentParser, function: str, only: tuple[str, ...] | None = None
) -> None:
    """One option per declared parameter of ``function`` (:mod:`.filters`)."""
    from .filters import FILTERS

    for p in FILTERS[function]:
        if only is not None and p.name not in only:
            continue
        options: dict[str, Any] = {"help": p.help, "dest": p.name}
        if p.kind == "flag":
            options.update(action="store_true", default=None)
        else:
            options["metavar"] = p.name.upper()
            if p.many:
                options["action"] = "append"
            if p.kind in ("chapter", "page"):
                options["type"] = int
        action = sub.add_argument(p.option, **options)
        action.declared = p  # type: ignore[attr-defined]


EXAMPLES = (
    "sjc events --actor 'Zhang Xueliang' --start 1928 --end 1931",
    "sjc events --actor Stalin --role organizer",
    "sjc events --actor Stalin --actor Okawa --format csv",
    "sjc relations --predicate agent_of --status likely",
    "sjc claims --actor 'Kōmoto Daisaku' --contested",
    "sjc show komoto-daisaku",
    "sjc vocab role",
    "sjc export out/ --format sqlite",
    "sjc cite --style bibtex",
)
"""The examples of ``sjc --help``, one per line."""


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sjc",
        description="Query the stalin-japan-china dataset (Kuromiya 2023): actors, events, "
        "relations and the evidence behind every claim.",
        epilog="\n".join(["examples:", *(f"  {example}" for example in EXAMPLES)]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    info_parser = commands.add_parser(
        "info", help="version, table sizes and licences; with a table, its columns"
    )
    info_parser.add_argument("table", nargs="?", help="a table name, e.g. events")
    vocab = commands.add_parser("vocab", help="the values a vocabulary column allows")
    vocab.add_argument("column", help="role, status, type, predicate, kind, stance, …")

    def output(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--format",
            choices=FORMATS,
            default=None,
            help="output format (default: table, or with -o the file's extension: .csv, "
            ".json, .parquet; .txt for table)",
        )
        sub.add_argument(
            "--output", "-o", type=Path, help="write to this file (required for parquet)"
        )
        sub.add_argument(
            "--wide",
            action="store_true",
            default=None,
            help="table format: every cell whole, whatever the width of the terminal "
            "(by default long titles and ids are shortened to fit $COLUMNS)",
        )

    descriptions = {
        "events": ("events, filtered", "List events."),
        "actors": ("actors, filtered", "List actors."),
        "relations": ("relations, filtered", "List relations between actors."),
        "evidence": ("evidence rows, filtered", "List evidence rows."),
        "participants": (
            "who did what in which event, with the book's certainty of each part",
            "List participant rows: one actor's role in one event, each a claim "
            "with its own status.",
        ),
        "claims": (
            "every claim the book weighs, with its status and evidence for and against",
            "List claims: an event's occurrence, a participant or a relation, each "
            "with a readable statement, the book's status, who claims it, the evidence counts "
            "and the decisive page.",
        ),
    }
    for name, (summary, description) in descriptions.items():
        sub = commands.add_parser(
            name, help=summary, description=description, formatter_class=_FilterHelp
        )
        _add_filters(sub, name)
        output(sub)

    show = commands.add_parser("show", help="one record with everything linked to it")
    show.add_argument("what", help="an id of any table, or an actor's name")

    cite = commands.add_parser("cite", help="how to cite this release and the book")
    cite.add_argument("--style", choices=("bibtex", "apa", "cff"), default="bibtex")

    export = commands.add_parser(
        "export",
        formatter_class=_FilterHelp,
        help="the dataset, or one filter's part of it, as csv, xlsx, sqlite, graphml, …",
        description="Write the dataset into DIR in one format, with a README.txt naming the "
        "version and the citation. Filters select events as for `sjc events`; the export "
        "keeps what they refer to (places, actors, sources), so every id resolves.",
    )
    export.add_argument(
        "directory", type=Path, metavar="DIR", help="new or empty folder, or an earlier export"
    )
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="csv",
        help="csv (with datapackage.json), xlsx, sqlite (with Datasette metadata.json), "
        "graphml or gexf (Gephi), geojson (GIS) or parquet (default: csv)",
    )
    export.add_argument(
        "--excel", action="store_true", default=None, help="CSV with a byte-order mark for Excel"
    )
    from .filters import EXPORTED

    _add_filters(export, "events", only=EXPORTED)

    explore = commands.add_parser(
        "explore",
        help="write a static website of the dataset that opens from file:// (no server)",
        description="Write a self-contained static site (search, actor, event, claim and "
        "source pages, timeline, network, map) into --out; open its index.html in a "
        "browser, offline, or publish the folder to any static host.",
    )
    explore.add_argument(
        "--out", type=Path, default=Path("site"), help="folder to write (default: site)"
    )

    verify = commands.add_parser(
        "verify",
        help="check file integrity, and with --source the claims against the book",
        description="Check the installed files against their checksums; with --source, also "
        "check every evidence row against the book's text, the own-words rule and "
        "life-date coverage. Exit status 1 when a check falls below its threshold.",
    )
    verify.add_argument("--source", type=Path, help="the book's text (kuromiya-2023.txt)")
    verify.add_argument("--pages", type=Path, help="page map (default: pages.tsv beside --source)")
    verify.add_argument("--notes", type=Path, help="note map (default: notes.tsv beside --source)")
    verify.add_argument("--limit", type=_count, default=50, help="failures shown per check")

    curate = commands.add_parser(
        "curate",
        help="curators' tools (need a source checkout)",
        description="Tools for curating data/ in a source checkout; an installed package "
        "answers that it needs one.",
    )
    curate_commands = curate.add_subparsers(dest="tool", metavar="TOOL", required=True)
    formatting = curate_commands.add_parser(
        "format", help="rewrite data/ in canonical form and mint missing evidence ids"
    )
    formatting.add_argument(
        "--check", action="store_true", help="only list files not in canonical form (exit 1)"
    )
    linting = curate_commands.add_parser(
        "lint", help="claims that contradict each other; with --source, close wording too"
    )
    linting.add_argument("--source", type=Path, help="the book's text, for the wording check")
    linting.add_argument("--pages", type=Path, help="page map (default: beside --source)")
    linting.add_argument("--report", type=Path, help="also write the listing to this file")
    dated = curate_commands.add_parser(
        "dates", help="day and month dates in a chapter's running text, against the events"
    )
    dated.add_argument("--source", type=Path, required=True, help="the book's text")
    dated.add_argument("--chapter", type=_chapter, required=True, help="chapter 0-6")
    coverage = curate_commands.add_parser(
        "coverage", help="life-date mentions of a chapter and the actors that cover them"
    )
    coverage.add_argument("--source", type=Path, required=True, help="the book's text")
    coverage.add_argument("--pages", type=Path, help="page map (default: beside --source)")
    coverage.add_argument("--chapter", type=_chapter, required=True, help="chapter 0-6")
    return parser


def _frame_out(frame: Any, fmt: str, output: Path | None, wide: bool = False) -> str | None:
    """Render a DataFrame; return text for stdout, or None when written to a file."""
    from .checks import path
    from .errors import InvalidValueError

    output = path(output, "--output")
    if fmt == "parquet":
        if output is None:
            raise InvalidValueError("--format parquet needs --output FILE")
        _write(output, lambda: frame.to_parquet(output, index=False))
        return None
    if fmt == "csv":
        # List cells (aliases, pages) as JSON arrays, so the CSV stays exact and parseable.
        frame = frame.copy()
        for column in frame.columns:
            if frame[column].map(lambda v: hasattr(v, "__len__") and not isinstance(v, str)).any():
                frame[column] = frame[column].map(_json_list)
        text = frame.to_csv(index=False)
    elif fmt == "json":
        text = frame.to_json(orient="records", force_ascii=False, date_format="iso", indent=1)
    else:
        text = _table(frame, wide=wide or output is not None)
    if output is not None:
        _write(output, lambda: output.write_text(text, encoding="utf-8"))
        return None
    return text


SUFFIXES = {".csv": "csv", ".json": "json", ".parquet": "parquet", ".txt": "table"}


def _output_format(given: str | None, output: Path | None) -> str:
    """The format: as given, else from ``-o``'s extension; a mismatch is refused, so that
    ``-o x.parquet`` never holds a text table."""
    from .errors import InvalidValueError

    if output is None:
        return given or "table"
    suffix = Path(output).suffix.lower()
    implied = SUFFIXES.get(suffix)
    if given is None:
        if implied is None:
            raise InvalidValueError(
                f"cannot tell the format of --output {str(output)!r} from its extension; "
                "name it .csv, .json, .parquet or .txt, or give --format"
            )
        return implied
    if implied is not None and implied != given:
        raise InvalidValueError(
            f"--format {given} does not match --output {str(output)!r} ({suffix} is "
            f"{implied}); change one of them"
        )
    return given


def _arrow_out(table: Any, fmt: str, output: Path | None) -> str | None:
    """csv, json or parquet of a ``pyarrow.Table``; text for stdout, or None when written.

    The same cells as the DataFrame would give: list cells as JSON arrays in CSV, nulls
    empty in CSV and null in JSON, dates as ISO dates, booleans as True/False in CSV.
    """
    from .checks import path
    from .errors import InvalidValueError

    output = path(output, "--output")
    if fmt == "parquet":
        if output is None:
            raise InvalidValueError("--format parquet needs --output FILE")
        import pyarrow.parquet as pq

        _write(output, lambda: pq.write_table(table, output))
        return None
    columns = table.column_names
    rows = table.to_pylist()
    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_csv_cell(row[c]) for c in columns] for row in rows)
        text = buffer.getvalue()
    else:
        text = json.dumps(rows, ensure_ascii=False, indent=1, default=_json_value)
    if output is not None:
        _write(output, lambda: output.write_text(text, encoding="utf-8"))
        return None
    return text


def _json_value(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(type(value).__name__)  # pragma: no cover - the tables hold no others


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False, default=_json_value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _write(output: Path, write: Any, option: str = "--output") -> None:
    """Run ``write``; a path the OS refuses is the caller's bad input, said in one line."""
    from .checks import shown
    from .errors import InvalidValueError

    try:
        write()
    except OSError as error:
        reason = error.strerror or str(error)
        raise InvalidValueError(f"cannot write {option} {shown(str(output))}: {reason}") from None


def _json_list(value: Any) -> str:
    if value is None:
        return ""
    items = value.tolist() if hasattr(value, "tolist") else list(value)
    return json.dumps(items, ensure_ascii=False)


TABLE_COLUMNS = {
    "events": ["id", "date", "type", "status", "title"],
    "participants": ["event_date", "actor_id", "role", "status", "claimed_by", "event_title"],
    "claims": ["status", "supporting", "contradicting", "decisive_page", "statement"],
    "actors": ["id", "kind", "name", "born", "died", "nationality"],
    "relations": ["subject_id", "predicate", "object_id", "start", "end", "status"],
    "evidence": ["page", "footnote", "stance", "target_id", "source_id", "note"],
}


def _width() -> int:
    """The width to fit: ``$COLUMNS``, else the terminal's, else 100 (a pipe, a file)."""
    import shutil

    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    return shutil.get_terminal_size((100, 24)).columns


MIN_CELL = 8
LONG_TEXT = ("title", "event_title", "statement", "note", "summary", "description", "name")
"""No column is cut narrower than this (or its header)."""


def _table(frame: Any, columns: list[str] | None = None, wide: bool = False) -> str:
    """Aligned plain-text columns for a terminal.

    Unless ``wide``, the widest columns (titles, ids, notes) are shortened with "…" until
    a line fits :func:`_width`, and the last line says so.
    """
    if columns:
        frame = frame[columns]
    if frame.empty:
        return "(no rows)"
    cells = [[str(c) for c in frame.columns]]
    for row in frame.itertuples(index=False):
        cells.append(["" if _missing(v) else " ".join(str(v).split()) for v in row])
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))]
    cut = False
    if not wide:
        room = _width() - 2 * (len(widths) - 1)
        headers = cells[0]
        # Text first (titles, notes), then ids, then anything: dates and statuses stay whole
        # as long as they can.
        stages = [
            ({i for i, h in enumerate(headers) if h in LONG_TEXT}, 24),
            ({i for i, h in enumerate(headers) if h == "id" or h.endswith("_id")}, 14),
            (set(range(len(headers))), MIN_CELL),
        ]
        for columns_, least in stages:
            floor = {i: max(least, len(headers[i]) if least > MIN_CELL else 0) for i in columns_}
            while sum(widths) > room:
                shrinkable = [i for i in columns_ if widths[i] > floor[i]]
                if not shrinkable:
                    break
                i = max(shrinkable, key=lambda k: widths[k])
                widths[i] -= 1
                cut = True
    lines = [
        "  ".join(_short(c, w).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    note = ""
    if cut:
        note = f"; long cells shortened with … to fit {_width()} columns, --wide shows them whole"
    return "\n".join(lines) + f"\n({len(frame)} rows{note})"


def _missing(value: Any) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list cell: not missing
        return False


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


SHOWN_AFTER = ("participants", "evidence", "date_start", "date_end")
"""Record keys ``sjc show`` lists in their own sections, or leaves out as derived."""


def _blank(value: Any) -> bool:
    if value is None or value == [] or value == "":
        return True
    return isinstance(value, float) and value != value  # nan


def _names() -> dict[str, str]:
    """Every actor's and event's id with its name or title, for ``sjc show``'s references."""
    from .loading import load_table

    found: dict[str, str] = {}
    for table, column in (("events", "title"), ("actors", "name"), ("places", "name")):
        rows = load_table(table).select(["id", column]).to_pydict()
        found.update(zip(rows["id"], rows[column], strict=True))
    return found


def _readable(key: str, value: Any, names: dict[str, str]) -> str:
    """One value of a record as a reader wants it: lists as text, dates in words, ids named."""
    from .dates import gloss

    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_readable(key, v, names) for v in value)
    text = str(value)
    if key in ("date", "start", "end", "event_date"):
        words = gloss(text)
        return text if words == text else f"{text} ({words})"
    if (key.endswith("_id") or key == "claimed_by") and text in names:
        return f"{names[text]} ({text})"
    return text


SINGULAR = {
    "actors": "actor",
    "places": "place",
    "sources": "source",
    "events": "event",
    "participants": "participant",
    "relations": "relation",
    "evidence": "evidence",
}


def _show(what: str) -> str:
    """One record of any table, every field that has a value, and what links to it."""
    from . import query

    table, record = query.lookup(what)
    data = record if isinstance(record, dict) else record.model_dump(mode="json")
    names = _names()
    lines = [f"{SINGULAR[table]} {data['id']}"]
    for key, value in data.items():
        if key == "id" or key in SHOWN_AFTER or _blank(value):
            continue
        lines.append(f"  {key}: {_readable(key, value, names)}")

    def evidence_line(e: dict[str, Any], target: bool, source: bool = True) -> str:
        note = f" n. {e['footnote']}" if not _blank(e.get("footnote")) else ""
        about = f" {e['target_id']}:" if target else ""
        cited = "" if _blank(e.get("source_id")) or not source else f" (source: {e['source_id']})"
        text = "" if _blank(e.get("note")) else f" {e['note']}"
        return f"    p. {e['page']}{note} [{e['stance']}]{about}{text}{cited}"

    if table == "events":
        lines.append(f"  participants ({len(data['participants'])}):")
        for p in data["participants"]:
            claim = "" if _blank(p["claimed_by"]) else f", claimed by {p['claimed_by']}"
            who = _readable("actor_id", p["actor_id"], names)
            lines.append(f"    {who} as {p['role']}: {p['status']}{claim}")
        lines.append(f"  evidence ({len(data['evidence'])}):")
        lines += [evidence_line(e, True) for e in data["evidence"]]
    elif table in ("actors", "participants", "relations"):
        rows = query.evidence(target=data["id"]).to_dict("records")
        lines.append(f"  evidence ({len(rows)}):")
        lines += [evidence_line(e, False) for e in rows]
    elif table == "sources":
        rows = query.evidence(source=data["id"]).to_dict("records")
        lines.append(f"  cited by ({len(rows)}):")
        lines += [evidence_line(e, True, source=False) for e in rows]
    elif table == "places":
        at = query.events(place=data["id"])
        lines.append(f"  events ({len(at)}):")
        lines += [
            f"    {_readable('date', r.date, names) if r.date else 'undated'}  {r.title} ({r.id})"
            for r in at.itertuples()
        ]
    if table == "actors":
        roles = query.events(actor=data["id"])
        lines.append(f"  events ({len(roles)}):")
        for r in roles.itertuples():
            when = _readable("date", r.date, names) if r.date else "undated"
            lines.append(f"    {when}  {r.title} ({r.id}): {r.role}, {r.role_status}")
        ties = query.relations(actor=data["id"])
        lines.append(f"  relations ({len(ties)}):")
        lines += [
            f"    {names.get(r.subject_id, r.subject_id)} {r.predicate} "
            f"{names.get(r.object_id, r.object_id)} [{r.status}]"
            for r in ties.itertuples()
        ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> tuple[str | None, int]:
    """Carry out a parsed command; return what to print and the exit status."""
    from . import query

    if args.command == "info" and getattr(args, "table", None):
        from .loading import describe

        frame = describe(args.table)
        lines = [f"{args.table}: {len(frame)} columns"]
        for row in frame.itertuples():
            values = f" One of: {', '.join(row.vocabulary)}." if row.vocabulary else ""
            lines.append(f"  {row.column} ({row.type}): {row.meaning}{values}")
        return "\n".join(lines), 0
    if args.command == "vocab":
        return _vocab(args.column), 0
    if args.command in (None, "info"):
        return info(), 0
    if args.command in TABLE_COLUMNS:
        options = {
            k: v
            for k, v in vars(args).items()
            if k not in ("command", "format", "output", "wide") and v is not None
        }
        args.format = _output_format(args.format, args.output)
        if args.format != "table":  # exact output straight from pyarrow: no pandas
            with query.as_arrow():
                found = getattr(query, args.command)(**options)
            return _arrow_out(found, args.format, args.output), 0
        frame = getattr(query, args.command)(**options)
        if args.format == "table":
            columns = TABLE_COLUMNS[args.command]
            if "role_status" in frame.columns:  # an actor's or role's part, not the event's
                columns = [*columns[:4], "role", "role_status", *columns[4:]]
            frame = frame[columns].copy()
            for column in ("date", "event_date"):  # the EDTF, with its reading in words
                if column in frame.columns:
                    from .dates import gloss

                    frame.insert(
                        frame.columns.get_loc(column) + 1, "when", frame[column].map(gloss)
                    )
        return _frame_out(frame, args.format, args.output, wide=bool(args.wide)), 0
    if args.command == "show":
        return _show(args.what), 0
    if args.command == "export":
        return _export(args), 0
    if args.command == "cite":
        from .citing import cite

        return cite(args.style), 0
    if args.command == "explore":
        import time

        from .website import explore

        started = time.perf_counter()
        index = explore(args.out)
        files = sum(1 for p in index.parent.rglob("*") if p.is_file())
        return (
            f"wrote {files} files to {index.parent} in {time.perf_counter() - started:.1f} s; "
            f"open {index.as_uri()}"
        ), 0
    if args.command == "verify":
        from .verifying import verify

        report = verify(args.source, args.pages, args.notes)
        return report.text(limit=args.limit), 0 if report.ok else 1
    if args.command == "curate":
        return _curate(args)
    raise AssertionError(args.command)  # pragma: no cover - argparse rejects others


def _export(args: argparse.Namespace) -> str:
    """Write the export; say what was written, one line per file."""
    from .exporting import export

    filters = {
        k: v
        for k, v in vars(args).items()
        if k not in ("command", "directory", "format", "excel") and v is not None
    }
    files = export(args.directory, args.format, excel=bool(args.excel), **filters)
    return "\n".join(f"{p}  ({p.stat().st_size:,} bytes)" for p in files)


def _vocab(column: str) -> str:
    """Every value a vocabulary column allows, from the shipped tables' metadata."""
    from .errors import InvalidValueError
    from .loading import TABLES, load_table, vocabularies

    for table in TABLES:
        values = vocabularies(load_table(table)).get(column)
        if values:
            return "\n".join(values)
    known = sorted({c for t in TABLES for c in vocabularies(load_table(t))})
    raise InvalidValueError(f"{column!r} is not a vocabulary column; use one of {', '.join(known)}")


def _curate(args: argparse.Namespace) -> tuple[str | None, int]:
    """The curators' tools, each reading data/ of the checkout this package runs from."""
    from .curate import require_checkout

    root = require_checkout()
    data = root / "data"
    if args.tool == "format":
        from .curate.formatting import format_tree

        changed = format_tree(data, write=not args.check)
        verb = "not canonical" if args.check else "rewrote"
        lines = [f"{verb}: {p.relative_to(root)}" for p in changed]
        return "\n".join(lines) or "all files are in canonical form", int(
            args.check and bool(changed)
        )
    if args.tool == "lint":
        from .curate.lint import lint, stale_explanations, unexplained
        from .curate.reading import read_curated, read_facts, read_ledger
        from .curate.rules import validate
        from .verifying import BookText

        records = validate(read_curated(data), read_ledger(data))
        text = BookText.read(args.source, args.pages) if args.source else None
        findings = lint(records, text)
        facts = read_facts(data)
        blocking = unexplained(findings, facts)
        stale = stale_explanations(findings, facts)
        warnings = [f for f in findings if f.warning]
        lines = [str(f) for f in blocking] + stale + [str(f) for f in warnings]
        explained = len([f for f in findings if not f.warning]) - len(blocking)
        lines.append(
            f"{len(blocking)} unexplained finding(s), {explained} explained in "
            f"data/curation.yaml, {len(warnings)} close-wording warning(s)"
            + ("" if text else " (give --source for the wording check)")
        )
        listing = "\n".join(lines)
        if args.report:
            _write(
                args.report,
                lambda: args.report.write_text(listing + "\n", encoding="utf-8"),
                "--report",
            )
        return listing, 1 if blocking or stale else 0
    if args.tool == "dates":
        from .curate import dated
        from .curate.reading import read_curated, read_facts, read_ledger
        from .curate.rules import validate
        from .verifying import SourceError

        records = validate(read_curated(data), read_ledger(data))
        try:
            report = dated.check(args.source, args.chapter, records, read_facts(data))
        except (OSError, UnicodeDecodeError, KeyError, IndexError) as error:
            raise SourceError(
                f"cannot read the book's text {args.source} and its pages.tsv "
                f"({type(error).__name__}: {error})"
            ) from None
        lines = [report.summary(), *(f"  uncovered: {m}" for m in report.uncovered)]
        lines += [f"  excluded: {m}: {why}" for m, why in report.excluded]
        return "\n".join(lines), 1 if report.uncovered else 0
    from .verifying import BookText, coverage

    check = coverage(BookText.read(args.source, args.pages), args.chapter)
    listing = [check.summary(), *(f"  uncovered: {f}" for f in check.failures)]
    return "\n".join(listing), 0 if check.ok else 1


def main(argv: list[str] | None = None) -> int:
    from .errors import DataFileError, Error

    parser = _parser()
    args = parser.parse_args(argv)
    try:
        text, status = run(args)
    except DataFileError as error:  # before Error, which it is too
        return _fail(f"sjc: damaged installation: {error}", EXIT_DAMAGED)
    except (Error, ValueError) as error:  # bad input
        return _fail(f"sjc: error: {error}", EXIT_USAGE)
    except Exception as error:
        # The curators' errors, imported only when one is raised: the curate package
        # costs start-up time that every query would pay.
        from .curate import CheckoutError
        from .curate.reading import BuildError

        if isinstance(error, CheckoutError):  # bad input
            return _fail(f"sjc: error: {error}", EXIT_USAGE)
        if not isinstance(error, BuildError):
            raise
        print(f"sjc: {error}", file=sys.stderr)  # the curated data, in full for the curator
        return 1
    if text is not None:
        return _print(text if text.endswith("\n") else text + "\n", status)
    return status


def _fail(message: str, status: int) -> int:
    """One line on stderr: a value the user typed may hold a line break; the message will not."""
    print(" ".join(message.splitlines()), file=sys.stderr)
    return status


def _print(text: str, status: int) -> int:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (`sjc events | head -1`). Point stdout at /dev/null so
        # the interpreter's own flush at exit does not print a BrokenPipeError either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE
    except UnicodeEncodeError as error:
        return _fail(
            f"sjc: error: the output's encoding ({error.encoding}) cannot show the data's "
            "names; set PYTHONIOENCODING=utf-8 or write a file with -o FILE",
            EXIT_USAGE,
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
