"""The actor registry and the per-article speaker context."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from claimtrack.actors import Actor, Registry, SpeakerContext, default_registry, fold
from claimtrack.errors import ClaimtrackError

RESOLVE = [
    ("Kyiv", "Ukraine", "Ukraine"),
    ("Kiev", "Ukraine", "Ukraine"),
    ("Moscow", "Russia", "Russia"),
    ("the Kremlin", "Russia", "Russia"),
    ("Washington", "United States", "United States"),
    ("the White House", "United States", "United States"),
    ("Beijing", "China", "China"),
    ("Bangkok", "Thailand", "Thailand"),
    ("Phnom Penh", "Cambodia", "Cambodia"),
    ("US", "United States", "United States"),
    ("U.S.", "United States", "United States"),
    ("Zelensky", "Volodymyr Zelenskyy", "Ukraine"),
    ("Russian Foreign Minister Sergei Lavrov", "Sergey Lavrov", "Russia"),
    ("United States President Donald Trump", "Donald Trump", "United States"),
    ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", "Russia"),
    ("Nicolás Maduro", "Nicolas Maduro", "Venezuela"),
    ("Russia’s Defence Ministry", "Russian Ministry of Defence", "Russia"),
    ("the Russian Ministry of Defense", "Russian Ministry of Defence", "Russia"),
    ("China's Ministry of Foreign Affairs", "Chinese Ministry of Foreign Affairs", "China"),
    ("Ukraine’s military", "Ukrainian military", "Ukraine"),
    ("the Ukrainian army", "Ukrainian military", "Ukraine"),
    ("Russian officials", "Russian officials", "Russia"),
    ("the UN's humanitarian office", "OCHA", "United Nations"),
    ("the Pentagon", "US Department of Defense", "United States"),
]


@pytest.mark.parametrize("mention,name,side", RESOLVE)
def test_resolve(mention: str, name: str, side: str) -> None:
    actor = default_registry().resolve(mention)
    assert actor is not None, mention
    assert (actor.name, actor.side) == (name, side)


@pytest.mark.parametrize(
    "mention",
    ["us", "who", "the ministry", "Alice Moreau", "the town hall", "", "Monday"],
)
def test_resolve_unknown(mention: str) -> None:
    assert default_registry().resolve(mention) is None


def test_short_aliases_need_capitals() -> None:
    reg = default_registry()
    assert reg.resolve("UN").name == "United Nations"
    assert reg.resolve("un") is None


def test_exact_resolution_does_not_look_inside() -> None:
    reg = default_registry()
    assert reg.resolve("The US ambassador to NATO", exact=True) is None
    assert reg.resolve("NATO", exact=True).name == "NATO"


SIDES = [
    ("Polish officials", "Poland"),
    ("the Russian-installed governor", "Russia"),
    ("Kremlin-backed militia", "Russia"),
    ("UN Charter", "United Nations"),
    ("the top Democrat on the House Foreign Affairs Committee", "United States"),
    ("Islamic Council in Syria", None),
    ("Claire Dubois", None),
    (None, None),
]


@pytest.mark.parametrize("name,side", SIDES)
def test_side_for(name: str | None, side: str | None) -> None:
    assert default_registry().side_for(name) == side


def test_registry_size_and_kinds() -> None:
    reg = default_registry()
    kinds = {a.kind for a in reg.actors}
    assert kinds == {"government", "person", "body"}
    assert len(reg.actors) >= 150


def test_actors_file_aliases_are_lowercase_and_unique() -> None:
    with resources.files("claimtrack").joinpath("data/actors.toml").open("rb") as f:
        data = tomllib.load(f)
    seen: dict[str, str] = {}
    for kind in ("country", "person", "body"):
        for entry in data[kind]:
            assert entry["name"].strip()
            for alias in entry.get("aliases", []):
                assert alias == alias.lower() and alias.strip() == alias and alias
                assert seen.setdefault(alias, entry["name"]) == entry["name"], alias


BAD = [
    ({"country": [{"aliases": ["x"]}]}, "entry without a name"),
    ({"country": [{"name": "A", "aliases": ["Upper"]}]}, "must be lower-case"),
    (
        {"country": [{"name": "A", "aliases": ["x"]}, {"name": "B", "aliases": ["x"]}]},
        "already names 'A'",
    ),
    ({"side_words": {"senator": "Atlantis"}}, "[side_words]"),
]


@pytest.mark.parametrize("data,message", BAD)
def test_bad_registry_data_is_a_clear_error(data: dict, message: str) -> None:
    with pytest.raises(ClaimtrackError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Registry(data)


def test_default_registry_path_error() -> None:
    with pytest.raises(ClaimtrackError, match="Cannot read actors file"):
        default_registry("/nonexistent/actors.toml")


def test_fold() -> None:
    assert fold("  Nicolás  Maduro’s ") == "nicolas maduro's"


# ---------------------------------------------------------------- context


def test_context_surname_goes_back_to_full_name() -> None:
    ctx = SpeakerContext()
    ctx.remember(Actor("Claire Dubois", "person"))
    ctx.tick()
    actor, why = ctx.resolve_name("Dubois")
    assert actor.name == "Claire Dubois"
    assert "named earlier" in why


def test_context_prefers_article_over_registry() -> None:
    # "Assad" alone is Bashar al-Assad in the registry, but this article introduced
    # somebody else called Assad.
    ctx = SpeakerContext()
    ctx.remember(Actor("Assad al-Madhna", "person"))
    assert ctx.resolve_name("Assad")[0].name == "Assad al-Madhna"
    assert SpeakerContext().resolve_name("Assad")[0].name == "Bashar al-Assad"


def test_context_pronouns_respect_gender() -> None:
    ctx = SpeakerContext()
    ctx.remember(Actor("Maria Zakharova", "person", gender="f"))
    ctx.tick()
    ctx.remember(Actor("Dmitry Peskov", "person", gender="m"))
    assert ctx.resolve_pronoun("she")[0].name == "Maria Zakharova"
    assert ctx.resolve_pronoun("he")[0].name == "Dmitry Peskov"


def test_context_it_is_the_last_body() -> None:
    ctx = SpeakerContext()
    ctx.remember(Actor("Russian Ministry of Defence", "body", side="Russia"))
    ctx.tick()
    ctx.remember(Actor("Dmitry Peskov", "person"))
    assert ctx.resolve_pronoun("it")[0].name == "Russian Ministry of Defence"


def test_context_definite_descriptions() -> None:
    ctx = SpeakerContext()
    ctx.remember(Actor("State Emergency Service of Ukraine", "body", side="Ukraine"))
    assert ctx.resolve_definite("service")[0].name == "State Emergency Service of Ukraine"
    # "the Ukrainian president" with nobody named before: the registry knows him
    assert ctx.resolve_definite("president", side="Ukraine")[0].name == "Volodymyr Zelenskyy"
    assert ctx.resolve_definite("ministry")[0] is None


@pytest.mark.parametrize(
    "mention,country",
    [
        ("Bishkek", "Kyrgyzstan"),
        ("Kyrgyz officials", "Kyrgyzstan"),
        ("Dushanbe", "Tajikistan"),
        ("a Tajik diplomat", "Tajikistan"),
        ("Kinshasa", "Democratic Republic of the Congo"),
        ("Ugandan police", "Uganda"),
        ("Accra", "Ghana"),
        ("the Ivorian government", "Ivory Coast"),
        ("Croatian officials", "Croatia"),
        ("Montevideo", "Uruguay"),
    ],
)
def test_world_countries_capitals_and_demonyms(mention: str, country: str) -> None:
    assert default_registry().side_for(mention) == country


def test_capitals_that_are_common_words_or_names_are_not_countries() -> None:
    reg = default_registry()
    for word in ("Male", "Victoria", "Kingston", "Sofia", "Wellington"):
        assert reg.resolve(word, exact=True) is None, word


@pytest.mark.parametrize(
    "mention,side",
    [
        ("M23 rebels", "M23"),
        ("UNHCR officials", "United Nations"),
        ("an IMF spokeswoman", "International Monetary Fund"),
        ("the African Union", "African Union"),
        ("al-Shabab fighters", "al-Shabab"),
    ],
)
def test_organisations_and_armed_groups_are_their_own_side(mention: str, side: str) -> None:
    assert default_registry().side_for(mention) == side
