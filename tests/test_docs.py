"""Docs are checked: every command is in the README and has help text."""

from __future__ import annotations

from pathlib import Path

import typer.main

from claimtrack.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def commands() -> list[tuple[str, object]]:
    group = typer.main.get_command(app)
    found = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(cmd, "commands", None)
        if sub:
            found += [(f"{name} {n}", c) for n, c in sub.items()]
            if getattr(cmd, "invoke_without_command", False):
                found.append((name, cmd))
        else:
            found.append((name, cmd))
    return found


def test_every_command_is_documented_in_the_readme() -> None:
    missing = [name for name, _ in commands() if f"`{name}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_command_has_help() -> None:
    for name, cmd in commands():
        assert (getattr(cmd, "help", None) or "").strip(), name


def test_quick_start_is_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("##", 1)[0]
    block = section.split("```", 2)[1]
    assert [line for line in block.splitlines() if line.strip()] == ["make demo", "make test"]
