"""The command line: parse arguments, call the library, choose the output.

No SQL, regexes or lexicon entries here. Library errors (``ClaimtrackError``) become
``Error: …`` on stderr and exit status 1; usage errors exit 2; a closed pipe on stdout
is not an error. Heavy modules are imported inside the commands so that
``claimtrack --help`` stays fast.
"""

from __future__ import annotations

import enum
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from .errors import ClaimtrackError

app = typer.Typer(
    help="Track contested claims and denials across news articles: who said what, when, and which way.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
claim_app = typer.Typer(help="Add or remove one claim.", no_args_is_help=True)
claims_app = typer.Typer(help="List the registered claims, or import them from a file.")
speaker_app = typer.Typer(
    help="Correct speakers: set a side, merge two names.", no_args_is_help=True
)
db_app = typer.Typer(help="The database itself.", no_args_is_help=True)
app.add_typer(claim_app, name="claim")
app.add_typer(claims_app, name="claims")
app.add_typer(speaker_app, name="speaker")
app.add_typer(db_app, name="db")


class Fmt(str, enum.Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class ShowFmt(str, enum.Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    svg = "svg"


class InFmt(str, enum.Enum):
    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    feed = "feed"


_state: dict[str, Any] = {"db": None}

DbOpt = Annotated[
    Path | None,
    typer.Option("--db", help="Database file (default: $CLAIMTRACK_DB, else ./claimtrack.db)."),
]
FormatOpt = Annotated[Fmt, typer.Option("--format", "-f", help="Output format.")]

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = 1) -> None:
    from .render import error_console

    error_console().print(f"Error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def handle_errors(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ClaimtrackError as e:
            fail(str(e))
        except BrokenPipeError:
            _quiet_stdout()
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


def open_db(db: Path | None) -> Any:
    from .db import connect

    return connect(db or _state["db"])


def out() -> Any:
    return sys.stdout


def emit(
    rows: list[dict[str, Any]], fmt: Fmt | ShowFmt, columns: list[str], title: str | None = None
) -> None:
    """Write a listing in the chosen format."""
    from . import export

    if fmt.value == "json":
        export.write_json(rows, out())
    elif fmt.value == "jsonl":
        export.write_jsonl(rows, out())
    elif fmt.value == "csv":
        export.write_csv(rows, out())
    else:
        from . import render

        if not rows:
            print("(none)", file=sys.stderr)
            return
        render.print_to(render.rows_table(rows, columns, title))


def _print_version(value: bool) -> None:
    if value:
        from . import __version__

        print(__version__)
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Database file (default: $CLAIMTRACK_DB, else ./claimtrack.db)."),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", is_eager=True, callback=_print_version
        ),
    ] = False,
) -> None:
    """Track contested claims and denials across news articles."""
    _state["db"] = db


# -- ingest -------------------------------------------------------------------


@app.command()
@handle_errors
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories (recursive), or - for stdin.")
    ],
    db: DbOpt = None,
    fmt: Annotated[
        InFmt | None, typer.Option("--format", "-f", help="Input format (default: detect).")
    ] = None,
    field: Annotated[
        list[str] | None,
        typer.Option("--field", help="Map a field to a column of JSON/CSV input: name=column."),
    ] = None,
    glob: Annotated[
        str | None, typer.Option("--glob", help="In directories, only files matching this pattern.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Extract in this many worker processes.")
    ] = 1,
    statements: Annotated[
        bool,
        typer.Option(
            "--statements", help="PATHS are 'claimtrack extract' output: load them as they are."
        ),
    ] = False,
) -> None:
    """Read articles into the database: split dumps, drop boilerplate and duplicates,
    extract statements and link them to the registered claims."""
    from .ingest import ingest as run
    from .ingest import ingest_extracted

    fields: dict[str, str] = {}
    for item in field or []:
        name, sep, column = item.partition("=")
        if not sep or not name or not column:
            fail(f"--field takes name=column, got {item!r}", 2)
        fields[name.strip()] = column.strip()
    database = open_db(db)
    errors = []

    def problem(p: Any) -> None:
        where = f"{p.path}:{p.line}" if p.line else p.path
        kind = "Error" if p.fatal else "Warning"
        errors.append(p)
        print(f"{kind}: {where}: {p.message}", file=sys.stderr)

    import contextlib

    show_progress = not quiet and sys.stderr.isatty()
    progress: Any = None
    if show_progress:  # only on a terminal: pipes and CI logs get the summary alone
        from .render import file_progress

        progress = file_progress()

    def on_file(path: str) -> None:
        if progress is not None:
            progress.file(path)

    with progress or contextlib.nullcontext():
        if statements:
            summary = ingest_extracted(database, paths, sys.stdin)
        else:
            summary = run(
                database,
                paths,
                fmt=fmt.value if fmt else None,
                fields=fields or None,
                glob=glob,
                on_problem=problem,
                on_file=on_file,
                stdin=sys.stdin.buffer if "-" in paths else None,
                jobs=jobs,
            )
    if not quiet:
        s = summary
        print(
            f"{s.files} file(s): {s.articles} article(s), {s.new} new, {s.duplicates} duplicate(s); "
            f"{s.statements} statement(s), {s.links} link(s)"
            + (f"; {len(s.problems)} problem(s)" if s.problems else ""),
            file=sys.stderr,
        )
    if summary.failed:
        raise typer.Exit(1)


@app.command()
@handle_errors
def extract(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Input files (default: - for stdin).")
    ] = None,
    fmt: Annotated[
        InFmt | None,
        typer.Option("--format", "-f", help="Input format (default: detect; stdin: jsonl)."),
    ] = None,
) -> None:
    """A pure filter for scale-out: articles in (JSON Lines on stdin by default),
    articles and their statements out as JSON Lines. No database."""
    from . import export as exp
    from .ingest import extract_file

    failed = False
    for path in paths or ["-"]:
        chosen = fmt.value if fmt else ("jsonl" if path == "-" else None)

        def problem(p: Any) -> None:
            nonlocal failed
            failed = True
            where = f"{p.path}:{p.line}" if p.line else p.path
            print(f"{'Error' if p.fatal else 'Warning'}: {where}: {p.message}", file=sys.stderr)

        exp.write_jsonl(extract_file(path, chosen, problem, sys.stdin.buffer), out())
    if failed:
        raise typer.Exit(1)


# -- claims -------------------------------------------------------------------


@claim_app.command("add")
@handle_errors
def claim_add(
    name: Annotated[str, typer.Argument(help="Short name, e.g. putin-residence-attack.")],
    description: Annotated[str, typer.Argument(help="The claim in one sentence.")],
    keyword: Annotated[
        list[str] | None,
        typer.Option("--keyword", "-k", help="A word the claim is known by (repeatable)."),
    ] = None,
    alias: Annotated[
        list[str] | None,
        typer.Option("--alias", "-a", help="Another wording of the claim (repeatable)."),
    ] = None,
    db: DbOpt = None,
) -> None:
    """Register a claim (or update it) and link the statements already stored."""
    from .claims import add_claims
    from .models import Claim

    database = open_db(db)
    changed, links = add_claims(database, [Claim(name, description, keyword or [], alias or [])])
    print(f"claim {name}: {'saved' if changed else 'unchanged'}, {links} link(s)", file=sys.stderr)


@claim_app.command("rm")
@handle_errors
def claim_rm(
    name: Annotated[str, typer.Argument(help="The claim's name.")], db: DbOpt = None
) -> None:
    """Remove a claim and its links (manual ones too)."""
    from .claims import remove_claim

    remove_claim(open_db(db), name)
    print(f"claim {name}: removed", file=sys.stderr)


@claims_app.callback(invoke_without_command=True)
@handle_errors
def claims_list(ctx: typer.Context, fmt: FormatOpt = Fmt.table, db: DbOpt = None) -> None:
    """List the registered claims with their number of statements per stance."""
    if ctx.invoked_subcommand is not None:
        return
    from .store import claim_counts

    rows = claim_counts(open_db(db))
    emit(
        rows,
        fmt,
        [
            *("name", "statements:stmts", "asserts:+", "denies:✗", "doubts:?", "retracts:↶"),
            *("confirms:✓", "description"),
        ],
        "claims",
    )


@claims_app.command("import")
@handle_errors
def claims_import(
    file: Annotated[
        str,
        typer.Argument(
            help="TOML, JSON Lines, JSON or CSV with name, description, keywords, aliases."
        ),
    ],
    db: DbOpt = None,
) -> None:
    """Register the claims in a file (idempotent) and link stored statements to them."""
    from .claims import add_claims, read_claims

    claims = read_claims(file)
    changed, links = add_claims(open_db(db), claims)
    print(
        f"{len(claims)} claim(s) read, {changed} new or changed, {links} link(s)", file=sys.stderr
    )


# -- views --------------------------------------------------------------------


@app.command()
@handle_errors
def show(
    claim: Annotated[
        str, typer.Argument(help="Claim name, or words from its description or aliases.")
    ],
    fmt: Annotated[ShowFmt, typer.Option("--format", "-f", help="Output format.")] = ShowFmt.table,
    side: Annotated[str | None, typer.Option(help="Only statements from this side.")] = None,
    stance: Annotated[str | None, typer.Option(help="Only this stance.")] = None,
    speaker: Annotated[
        str | None, typer.Option(help="Only speakers whose name contains this.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Only statements dated on or after YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only statements dated on or before YYYY-MM-DD.")
    ] = None,
    min_score: Annotated[
        float, typer.Option("--min-score", help="Only links scored at least this.")
    ] = 0.0,
    by: Annotated[
        str | None, typer.Option("--by", help="'side': a summary per side instead of the timeline.")
    ] = None,
    width: Annotated[int | None, typer.Option(help="Width of table/html/svg output.")] = None,
    coverage: Annotated[
        bool,
        typer.Option(
            "--coverage/--no-coverage",
            help="Head the human views with how the articles carry the claim (a pass over its articles).",
        ),
    ] = True,
    db: DbOpt = None,
) -> None:
    """A claim's timeline: who said what, when, which way, and where it was reported."""
    from . import views

    if by not in (None, "side"):
        fail("--by takes 'side'", 2)
    data = views.timeline(
        open_db(db),
        claim,
        views.Filters(side, stance, speaker, since, until, min_score),
        coverage=coverage and fmt.value in ("table", "markdown", "html", "svg"),
    )
    views.write_timeline(data, fmt.value, out(), width=width, by=by)


@app.command()
@handle_errors
def statements(
    fmt: FormatOpt = Fmt.table,
    speaker: Annotated[
        str | None, typer.Option(help="Only speakers whose name contains this.")
    ] = None,
    stance: Annotated[str | None, typer.Option(help="Only this stance.")] = None,
    article: Annotated[
        str | None, typer.Option(help="Only statements of this article (id prefix).")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Show why each statement got its speaker, stance and date."),
    ] = False,
    db: DbOpt = None,
) -> None:
    """List extracted statements."""
    from . import views

    rows = views.statements(open_db(db), speaker, stance, article, limit, explain)
    cols = ["id", "date", "stance", "speaker", "text"]
    if explain:
        cols.append("explain")
    emit(rows, fmt, cols, "statements")


@app.command()
@handle_errors
def articles(fmt: FormatOpt = Fmt.table, db: DbOpt = None) -> None:
    """List stored articles with their sources."""
    from .store import article_rows

    rows = article_rows(open_db(db))
    emit(
        rows,
        fmt,
        ["id", "published", "published_source:from", "statements:stmts", "title", "sources"],
        "articles",
    )


@app.command("article")
@handle_errors
def article_cmd(
    article_id: Annotated[
        str, typer.Argument(metavar="ID", help="Article id (a unique prefix is enough).")
    ],
    fmt: FormatOpt = Fmt.table,
    db: DbOpt = None,
) -> None:
    """Print one article with its original line numbers."""
    from . import export
    from .store import article_detail

    detail = article_detail(open_db(db), article_id)
    if fmt is Fmt.table:
        from . import render

        render.print_to(render.article(detail))
    elif fmt is Fmt.json:
        export.write_json(detail, out())
    elif fmt is Fmt.jsonl:
        export.write_jsonl([detail], out())
    else:
        export.write_csv(({"line": ln, "text": text} for ln, text in detail["body"]), out())


ClaimArg = Annotated[str, typer.Argument(help="Claim name.")]
StatementArg = Annotated[str, typer.Argument(help="Statement id (a unique prefix is enough).")]


def _manual(db: Path | None, claim: str, statement: str, linked: bool) -> None:
    from .store import set_manual_link, write_transaction

    database = open_db(db)
    with write_transaction(database):
        set_manual_link(database, claim, statement, linked)
    print(f"{'linked' if linked else 'unlinked'} {statement} and {claim}", file=sys.stderr)


@app.command()
@handle_errors
def link(claim: ClaimArg, statement: StatementArg, db: DbOpt = None) -> None:
    """Link a statement to a claim by hand (wins over automatic linking)."""
    _manual(db, claim, statement, True)


@app.command()
@handle_errors
def unlink(claim: ClaimArg, statement: StatementArg, db: DbOpt = None) -> None:
    """Unlink a statement from a claim by hand (automatic linking will not re-add it)."""
    _manual(db, claim, statement, False)


@app.command()
@handle_errors
def speakers(fmt: FormatOpt = Fmt.table, db: DbOpt = None) -> None:
    """List speakers with their side, number of statements, stances and aliases."""
    from .store import speakers as rows_of

    emit(
        rows_of(open_db(db)),
        fmt,
        ["speaker", "side", "statements", "stances", "aliases"],
        "speakers",
    )


@speaker_app.command("side")
@handle_errors
def speaker_side(
    name: Annotated[str, typer.Argument(help="Speaker as listed by 'claimtrack speakers'.")],
    side: Annotated[str, typer.Argument(help="The side they speak for ('none' to clear).")],
    db: DbOpt = None,
) -> None:
    """Set the side a speaker speaks for; kept across re-ingest."""
    from .store import set_correction, write_transaction

    database = open_db(db)
    with write_transaction(database):
        set_correction(database, "side", name, None if side.lower() == "none" else side)
    print(f"{name}: side {side}", file=sys.stderr)


@speaker_app.command("merge")
@handle_errors
def speaker_merge(
    name: Annotated[str, typer.Argument(help="The name to fold away.")],
    into: Annotated[str, typer.Argument(help="The canonical name to keep.")],
    db: DbOpt = None,
) -> None:
    """Treat NAME as another name of INTO; kept across re-ingest."""
    from .store import set_correction, write_transaction

    if name == into:
        fail("a speaker cannot be merged into itself", 2)
    database = open_db(db)
    with write_transaction(database):
        set_correction(database, "merge", name, into)
    print(f"{name} → {into}", file=sys.stderr)


@db_app.command("info")
@handle_errors
def db_info(fmt: FormatOpt = Fmt.table, db: DbOpt = None) -> None:
    """Schema version, file and row counts."""
    from . import db as dbmod
    from .store import counts

    database = open_db(db)
    row = {
        "path": dbmod.resolve_path(db or _state["db"]),
        "schema_version": dbmod.schema_version(database),
        "latest_version": dbmod.latest_version(),
        **counts(database),
    }
    if fmt is Fmt.table:
        emit([{"key": k, "value": v} for k, v in row.items()], fmt, ["key", "value"], "database")
    else:
        emit([row], fmt, list(row))


@app.command()
@handle_errors
def discover(
    fmt: FormatOpt = Fmt.table,
    limit: Annotated[int, typer.Option(help="At most this many proposals.")] = 10,
    add: Annotated[
        list[str] | None,
        typer.Option(
            "--add",
            help="Register the proposal with this suggested name (repeatable).",
            show_default=False,
        ),
    ] = None,
    db: DbOpt = None,
) -> None:
    """Propose contested claims not yet registered: statements about the same
    proposition with opposing stances, best first."""
    from .claims import add_claims
    from .discover import propose
    from .models import Claim

    database = open_db(db)
    proposals = propose(database, limit=max(limit, 50) if add else limit)
    if add:
        chosen = {p.name: p for p in proposals}
        missing = [name for name in add if name not in chosen]
        if missing:
            fail(
                f"no proposal named {', '.join(missing)}; run 'claimtrack discover' to see the names"
            )
        picked = [chosen[name] for name in add]
        changed, links = add_claims(
            database, [Claim(p.name, p.description, p.keywords) for p in picked]
        )
        print(f"{changed} claim(s) registered, {links} link(s)", file=sys.stderr)
        return
    rows = [p.as_dict() for p in proposals]
    emit(rows, fmt, ["name", "score", "keywords", "stances", "description"], "proposed claims")


@app.command()
@handle_errors
def coverage(
    claim: Annotated[str | None, typer.Argument(help="Claim name (default: every claim).")] = None,
    fmt: FormatOpt = Fmt.table,
    db: DbOpt = None,
) -> None:
    """How the press carries a claim: per article, does it assert it in its own voice,
    deny (debunk) it, or only observe (report someone's claim)?"""
    from . import views

    database = open_db(db)
    rows = views.article_coverage(database, claim)
    if fmt is Fmt.table:
        from . import render

        render.print_to(render.coverage_table(rows))
    else:
        emit(rows, fmt, [])


@app.command()
@handle_errors
def search(
    query: Annotated[
        str,
        typer.Argument(help="Words to find (FTS5; quote phrases, use OR/NOT as in SQLite FTS5)."),
    ],
    fmt: FormatOpt = Fmt.table,
    limit: Annotated[int, typer.Option(help="At most this many results.")] = 50,
    db: DbOpt = None,
) -> None:
    """Full-text search over statements (text and speaker), best match first."""
    from . import views

    rows = views.search(open_db(db), query, limit)
    emit(rows, fmt, ["id", "date", "stance", "speaker", "text"], f"search: {query}")


class ExportFmt(str, enum.Enum):
    claimreview = "claimreview"
    json = "json"


@app.command()
@handle_errors
def export(
    claim: Annotated[str, typer.Argument(help="Claim name (or words of its description).")],
    fmt: Annotated[
        ExportFmt,
        typer.Option("--format", "-f", help="claimreview: schema.org ClaimReview JSON-LD."),
    ] = ExportFmt.claimreview,
    author: Annotated[
        str, typer.Option(help="ClaimReview author (your organisation).")
    ] = "claimtrack",
    url: Annotated[
        str | None, typer.Option(help="ClaimReview url (where the review is published).")
    ] = None,
    min_score: Annotated[
        float, typer.Option("--min-score", help="Only links scored at least this.")
    ] = 0.0,
    db: DbOpt = None,
) -> None:
    """Export a claim's timeline for publishing (schema.org ClaimReview JSON-LD)."""
    from . import export as exp
    from . import views

    data = views.timeline(open_db(db), claim, views.Filters(min_score=min_score))
    exp.write_json(
        views.claimreview(data, author, url) if fmt is ExportFmt.claimreview else data, out()
    )


@app.command("export-db")
@handle_errors
def export_db(
    manual_only: Annotated[
        bool, typer.Option("--manual-only", help="Leave automatic links out.")
    ] = False,
    db: DbOpt = None,
) -> None:
    """Back up claims, links and corrections as JSON Lines on stdout."""
    from . import export as exp
    from .backup import export_records

    exp.write_jsonl(export_records(open_db(db), auto_links=not manual_only), out())


@app.command("import-db")
@handle_errors
def import_db(
    file: Annotated[str, typer.Argument(help="A file written by export-db, or - for stdin.")],
    db: DbOpt = None,
) -> None:
    """Restore claims, links and corrections from an export-db backup (all or nothing)."""
    from .backup import import_records
    from .errors import InputError

    if file == "-":
        result = import_records(open_db(db), sys.stdin, "-")
    else:
        try:
            with open(file, encoding="utf-8") as f:
                result = import_records(open_db(db), f, file)
        except OSError as e:
            raise InputError(file, e.strerror or str(e)) from e
        except UnicodeDecodeError as e:
            raise InputError(file, "not UTF-8 text") from e
    print(
        f"{result.claims} claim(s), {result.links} link(s), {result.corrections} correction(s) restored"
        + (
            f"; {result.missing_statements} link(s) to statements not in this database skipped"
            if result.missing_statements
            else ""
        ),
        file=sys.stderr,
    )


def _quiet_stdout() -> None:
    """After the reader of stdout went away (``| head``): point stdout at devnull so
    that the flush at exit does not fail too."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(0)
