"""The extraction vocabularies are data: checked, cached, overridable."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pytest

from claimtrack.errors import ClaimtrackError
from claimtrack.lexicon import FILES, all_entries, check_words, load_lexicon
from claimtrack.models import Stance


def test_packaged_lexicon_loads_and_is_cached() -> None:
    lx = load_lexicon()
    assert lx is load_lexicon()
    assert lx.verbs["denied"] is Stance.DENIES
    assert lx.verbs["said"] is Stance.ASSERTS
    assert lx.verbs["cast doubt"] is Stance.DOUBTS
    assert lx.verbs["walked back"] is Stance.RETRACTS
    assert lx.verbs["confirmed"] is Stance.CONFIRMS
    assert set(lx.priority) == set(Stance)
    assert "said" in lx.inversion and "told" not in lx.inversion


@pytest.mark.parametrize("name", FILES)
def test_every_list_is_lowercase_unique_non_empty(name: str) -> None:
    with resources.files("claimtrack").joinpath(f"data/{name}.toml").open("rb") as f:
        data = tomllib.load(f)

    def lists(node: object, where: str):
        if isinstance(node, dict):
            for k, v in node.items():
                yield from lists(v, f"{where}.{k}")
        elif isinstance(node, list):
            yield where, node

    found = list(lists(data, name))
    assert found
    for where, values in found:
        assert values, where
        assert len(values) == len(set(values)), where
        for v in values:
            assert isinstance(v, str) and v and v == v.lower() and v == v.strip(), (where, v)


def test_all_entries_are_strings() -> None:
    entries = list(all_entries(load_lexicon()))
    assert len(entries) > 500
    assert all(isinstance(e, str) and e for e in entries)


STANCE_CUES_REQUIRED = {
    Stance.DENIES: ["a lie", "fabrication", "ruse", "no such * happened", "didn't happen",
                    "false claims"],
    Stance.DOUBTS: ["cast doubt", "unclear whether", "did not believe", "no evidence",
                    "without providing evidence", "sceptical", "skeptical", "questioned",
                    "disputed"],
    Stance.RETRACTS: ["walked back", "retracted"],
}  # fmt: skip


@pytest.mark.parametrize("stance,phrases", STANCE_CUES_REQUIRED.items())
def test_brief_cues_are_present(stance: Stance, phrases: list[str]) -> None:
    cues = load_lexicon().cues[stance]
    for p in phrases:
        assert p in cues, p


@pytest.mark.parametrize(
    "values,message",
    [
        (["said", "Said"], "must be lower-case"),
        (["said", "said"], "duplicate entry 'said'"),
        (["said", ""], "empty or non-string"),
        (["said", 3], "empty or non-string"),
        (["said "], "leading or trailing spaces"),
        ("said", "expected a list"),
    ],
)
def test_check_words_errors(values: object, message: str) -> None:
    with pytest.raises(ClaimtrackError, match=message):
        check_words(values, "x.toml [t] k")


def test_override_file_replaces_one_table(tmp_path: Path) -> None:
    f = tmp_path / "lex.toml"
    f.write_text(
        '[speech_verbs.groups.say]\nstance = "asserts"\nforms = ["quipped"]\n'
        '[speech_verbs.syntax]\ninversion = ["quipped"]\ndocument_verbs = ["read"]\n'
        'question_verbs = ["asked"]\nparticiples = ["quipping"]\nweak = ["noted"]\n',
        encoding="utf-8",
    )
    lx = load_lexicon(str(f))
    assert set(lx.verbs) == {"quipped"}
    assert lx.cues == load_lexicon().cues  # the other files are the packaged ones


def test_override_directory(tmp_path: Path) -> None:
    src = resources.files("claimtrack").joinpath("data/stance_cues.toml").read_text("utf-8")
    (tmp_path / "stance_cues.toml").write_text(src.replace('"ruse", ', ""), encoding="utf-8")
    lx = load_lexicon(str(tmp_path))
    assert "ruse" not in lx.cues[Stance.DENIES]
    assert "ruse" in load_lexicon().cues[Stance.DENIES]


@pytest.mark.parametrize(
    "content,message",
    [
        ("[speech_verbs.groups.say]\nstance = 'asserts'\nforms = ['Said']\n", "must be lower-case"),
        ("[nonsense]\nx = 1\n", "unknown table"),
        ("[speech_verbs.groups.say\n", "not valid TOML"),
        ("[speech_verbs.groups.say]\nstance = 'shouts'\nforms = ['said']\n", "is not one of"),
    ],
)
def test_bad_override_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(ClaimtrackError, match=message):
        load_lexicon(str(f))


def test_missing_override_is_a_clear_error() -> None:
    with pytest.raises(ClaimtrackError, match="does not exist"):
        load_lexicon("/nonexistent/lexicon.toml")
