"""A deterministic synthetic news corpus for benchmarking claimtrack.

Writes articles about an invented world (countries, people, ministries, watchdogs) in
the two shapes claimtrack ingests most:

* ``text``: scraped plain-text dumps of glued articles, one paragraph per line, page
  furniture left in (a one-line standfirst, "Published On 5 Jan 20265 Jan 2026",
  "Share", two body paragraphs, "Recommended Stories", "list of 3 itemsend of list",
  then the rest of the article), ``--per-file`` articles per file;
* ``jsonl``: one record per article, ``{"title", "text", "published", "url", "source"}``.

Both shapes hold the same articles: article ``i`` is drawn from its own random stream
seeded by ``(seed, i)``, so a corpus of 1,000 articles is the first 1,000 of a corpus of
10,000 and every run of the same command writes the same bytes.

Each article is about one of ``CLAIMS`` (50) contested claims, drawn with a Zipf-like
skew so that a few claims are hot, or (about one in eight) about nothing contested. About
30% of paragraphs carry a direct quote (curly quotes, "“…,” X said"), about 10% a denial,
and the rest reported speech ("X said on Monday that…", "according to…", "Z cast doubt
on…") and plain narrative. ``--claims`` writes the 50 claims as JSON Lines
``{"name", "description", "keywords"}`` for ``claimtrack claims import``.

    python bench/corpus.py --articles 10000 --format text --out bench/out/corpus/10k/text \\
        --claims bench/out/corpus/10k/claims.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

VERSION = 1  # bump when the output for a given seed changes (run.py keys its cache on it)
CLAIMS = 50
TEXT_PER_FILE = 50  # articles per text dump file
JSONL_PER_FILE = 1000
DEFAULT_SEED = 20260105
START = dt.date(2025, 1, 6)
SPAN_DAYS = 540
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_SLOT = re.compile(r"\{(\w+)\}")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# -- the invented world ----------------------------------------------------------------

COUNTRIES = [
    # name, adjective, capital
    ("Valdoria", "Valdorian", "Brenmark"),
    ("Kestria", "Kestrian", "Lorvat"),
    ("Marovia", "Marovian", "Selkany"),
    ("Drevania", "Drevanian", "Velmira"),
    ("Ostrelia", "Ostrelian", "Pradny"),
    ("Sunmere", "Sunmerian", "Haldport"),
    ("Carvassia", "Carvassian", "Tolmek"),
    ("Zelvania", "Zelvanian", "Ardun"),
    ("Quorvia", "Quorvian", "Istenhal"),
    ("Palemont", "Palemontese", "Saint Ores"),
    ("Varkesh", "Varkeshi", "Dun Amar"),
    ("Lothmark", "Lothmarkian", "Felsgrad"),
]
FIRST = [
    "Anselm", "Brigida", "Casimir", "Dorota", "Emeric", "Farida", "Gideon", "Halina", "Ivo",
    "Jorunn", "Kasia", "Leopold", "Mirela", "Nestor", "Oona", "Pavlo", "Quillon", "Rosalind",
    "Stellan", "Tamsin", "Ulrik", "Vesna", "Wendel", "Xenia", "Yorick", "Zdenka", "Amara",
    "Bertil", "Cosima", "Dmitar", "Elodie", "Florin", "Greta", "Hakon", "Ilse", "Jarek",
    "Katalin", "Lucan", "Margit", "Nikos", "Odile", "Piers", "Radka", "Severin", "Tereza",
]  # fmt: skip
LAST = [
    "Vell", "Tarrow", "Ostrovik", "Melchan", "Dravko", "Anselmi", "Brannock", "Castellan",
    "Dunmore", "Eskildsen", "Falkenrath", "Gorsky", "Halloran", "Ivarsson", "Jastrow",
    "Kovalen", "Lindqvist", "Morrow", "Navarre", "Oakes", "Petrakis", "Quayle", "Rostova",
    "Sandoval", "Thorne", "Ulmanis", "Varga", "Whitcombe", "Yarrow", "Zelenko", "Aldana",
    "Bielski", "Corvin", "Delacroix", "Erdem", "Fenwick", "Grabowski", "Harker", "Ibarra",
    "Juric", "Kestrel", "Lazar", "Mendel", "Novak", "Orlov", "Pellegrini", "Radu", "Stoyan",
]  # fmt: skip
ROLES = [
    ("leader", "President"),
    ("pm", "Prime Minister"),
    ("fm", "Foreign Minister"),
    ("dm", "Defence Minister"),
    ("spox", "government spokesperson"),
    ("envoy", "ambassador to the Concord of Nations"),
    ("army", "army chief of staff"),
    ("opp", "opposition leader"),
]
BODIES = [
    "Ministry of Defence", "Foreign Ministry", "General Staff", "Interior Ministry",
    "Security Service", "presidential office", "Coast Guard", "Energy Ministry",
]  # fmt: skip
THIRD_PARTIES = [
    "the Concord of Nations", "the Northern Security Compact", "the Maritime Monitoring Mission",
    "Open Ledger Watch", "the Civic Evidence Lab", "Borderline Monitors",
    "the Institute for Conflict Records", "the Red Meridian Society",
]  # fmt: skip
# More surnames than people, so that no two people of the world share one (the splitter
# reads a surname met again with a title as a new article).
SUR_A = ["Bran", "Del", "Fal", "Gor", "Hes", "Jan", "Kal", "Lev", "Mal", "Nor", "Pav", "Rav",
         "Sel", "Tor", "Val", "Wes", "Ash", "Cor", "Dar", "Mer"]  # fmt: skip
SUR_B = ["ovic", "mont", "berg", "ski", "ton", "ard", "ley", "ecki", "holm", "rick", "sen",
         "wood"]  # fmt: skip
EXPERT_ROLES = [
    "a military analyst at the Institute for Conflict Records",
    "a researcher with Open Ledger Watch",
    "a former intelligence officer",
    "a professor of international law at the University of Haldport",
    "the head of the Maritime Monitoring Mission",
    "a senior fellow at the Brenmark Policy Forum",
    "a spokesperson for the Concord of Nations",
]  # fmt: skip
OUTLETS = [
    "The Meridian Post", "Northwind News", "Brenmark Telegraph", "Harbour Wire",
    "The Lorvat Courier", "Compass Daily", "Atlas Newswire", "The Selkany Ledger",
]  # fmt: skip
PLATFORMS = ["Telegram", "X", "the Relay messaging app", "the ministry's website", "Facebook"]
SYL_A = ["Bel", "Kor", "Mar", "Ost", "Tal", "Ven", "Dra", "Sil", "Hol", "Gar", "Lum", "Nor",
         "Ras", "Tev", "Urm", "Yal", "Fen", "Brak", "Cor", "Dun", "Esk", "Hav", "Kel", "Mor"]  # fmt: skip
SYL_B = ["ovo", "ek", "mouth", "ford", "heim", "var", "ino", "sk", "ton", "avo", "ar", "enna",
         "ach", "wick", "ova", "grim", "dal", "ora", "und", "ez"]  # fmt: skip
SHIPS = ["Northern Grace", "Amber Tide", "Silver Heron", "Kestrel Star", "Blue Lantern",
         "Iron Meadow", "Sea Marigold", "Pale Horizon", "Morning Drift", "Cold Harbour"]  # fmt: skip
GROUPS = ["Grey Wolf Company", "Black Lantern Group", "Iron Gate Brigade", "Salt Road Legion",
          "Ember Battalion", "Night Heron Unit"]  # fmt: skip


@dataclass(frozen=True)
class Event:
    """One kind of contested claim; ``{E}`` is the claim's own named entity."""

    kind: str
    entity: str  # "place" | "ship" | "group" | "person" | "operation"
    description: str  # "{A} ... {B} ... {E}"
    keyword: str  # the second keyword, next to the entity
    past: str  # reported clause after "{B}": "had launched drones at ..."
    gerund: str  # after "accused {B} of": "launching drones at ..."
    noun: str  # "the alleged drone strike on the residence near {E}"
    short: str  # "the drone strike"
    facts: tuple[str, ...]  # narrative sentences about the event


EVENTS = [
    Event(
        "drones", "place",
        "{B} attacked the presidential residence near {E} in {A} with drones",
        "residence",
        "had launched {n} drones at the presidential residence near {E}",
        "launching {n} drones at the presidential residence near {E}",
        "the alleged drone attack on the residence near {E}",
        "the drone attack",
        ("The residence near {E} is one of several the {Aadj} president uses outside the capital.",
         "Air defences shot down {n} drones over the {E} district overnight, officials said.",
         "No wreckage from the residence near {E} has been shown to journalists."),
    ),
    Event(
        "poison", "person",
        "{B} agents poisoned the {Aadj} opposition figure {E}",
        "poisoned",
        "had poisoned {E} during a visit to {capA}",
        "poisoning {E}",
        "the suspected poisoning of {E}",
        "the poisoning",
        ("{E} fell ill on a flight from {capA} and was taken to hospital in a critical condition.",
         "Doctors treating {E} said tests had found traces of a nerve agent.",
         "{E} has been a prominent critic of the government for more than {n} years."),
    ),
    Event(
        "grid", "place",
        "{B} hackers shut down the power grid of {E} in {A}",
        "grid",
        "had hacked the power grid of {E}, cutting electricity to {n},000 homes",
        "hacking the power grid of {E}",
        "the cyberattack on the {E} power grid",
        "the cyberattack",
        ("Power was cut to {n},000 homes in {E} for most of the day.",
         "Engineers restored the grid in {E} after switching substations to manual control.",
         "Investigators said the malware used against the {E} grid had not been seen before."),
    ),
    Event(
        "tanker", "ship",
        "{B} naval forces seized the tanker {E} in international waters",
        "tanker",
        "had seized the tanker {E} and its crew of {n} in international waters",
        "seizing the tanker {E} and its crew of {n}",
        "the seizure of the tanker {E}",
        "the seizure",
        ("The tanker {E} was carrying about {n},000 tonnes of fuel when it lost contact.",
         "Tracking data showed the {E} turning sharply towards the {Badj} coast.",
         "The owners of the {E} said they had been unable to reach the crew for {n} hours."),
    ),
    Event(
        "chlorine", "place",
        "{B} forces used chlorine gas against civilians in {E}",
        "chlorine",
        "had used chlorine gas against civilians in {E}, injuring {n} people",
        "using chlorine gas against civilians in {E}",
        "the reported chlorine attack in {E}",
        "the gas attack",
        ("Medics in {E} said {n} people were treated for breathing problems.",
         "Residents of {E} described a yellow cloud drifting over the market.",
         "Samples from {E} were sent to an independent laboratory for testing."),
    ),
    Event(
        "dam", "place",
        "{B} saboteurs blew up the {E} dam in {A}",
        "dam",
        "had blown up the {E} dam, flooding {n} villages downstream",
        "blowing up the {E} dam",
        "the destruction of the {E} dam",
        "the dam collapse",
        ("Water from the {E} reservoir flooded {n} villages downstream.",
         "The {E} dam had been under {Badj} fire for weeks before it collapsed.",
         "Engineers said the {E} dam could not have failed on its own."),
    ),
    Event(
        "hospital", "place",
        "{B} artillery shelled the children's hospital in {E}",
        "hospital",
        "had shelled the children's hospital in {E}, killing {n} people",
        "shelling the children's hospital in {E}",
        "the shelling of the hospital in {E}",
        "the hospital strike",
        ("The hospital in {E} had {n} patients on its wards when the shells landed.",
         "Footage from {E} showed a collapsed wing and burning cars in the courtyard.",
         "Aid workers said the hospital in {E} was the only one within {n} kilometres."),
    ),
    Event(
        "lab", "place",
        "{B} runs a secret biological weapons laboratory near {E}",
        "laboratory",
        "was running a secret biological weapons laboratory near {E}",
        "running a secret biological weapons laboratory near {E}",
        "the supposed weapons laboratory near {E}",
        "the laboratory",
        ("The site near {E} is registered as an agricultural research station.",
         "Inspectors last visited the station near {E} {n} months ago.",
         "Satellite images show new fencing around the buildings near {E}."),
    ),
    Event(
        "mercenaries", "group",
        "{B} sent fighters of the {E} to fight in {A}",
        "mercenaries",
        "had sent {n} fighters of the {E} across the border",
        "sending fighters of the {E} across the border",
        "the deployment of the {E}",
        "the deployment",
        ("The {E} has been linked to fighting in at least {n} countries.",
         "Photographs posted online appeared to show {E} insignia near the border.",
         "The {E} does not officially exist, according to its own former members."),
    ),
    Event(
        "mines", "place",
        "{B} laid sea mines in the shipping lane to the port of {E}",
        "mines",
        "had laid sea mines in the shipping lane to {E}",
        "laying sea mines in the shipping lane to {E}",
        "the mining of the approaches to {E}",
        "the mining",
        ("Shipping to {E} has fallen by {n} percent since the start of the month.",
         "Insurers raised premiums for vessels calling at {E}.",
         "A cargo ship struck an object {n} nautical miles off {E} last week."),
    ),
    Event(
        "troops", "place",
        "{B} massed troops near {E} on the border with {A}",
        "troops",
        "had massed {n},000 troops near {E}",
        "massing {n},000 troops near {E}",
        "the troop build-up near {E}",
        "the build-up",
        ("Commercial satellite images showed rows of vehicles near {E}.",
         "Villagers near {E} reported convoys moving at night for {n} days.",
         "The area around {E} was closed to journalists last month."),
    ),
    Event(
        "plot", "person",
        "{B} plotted to assassinate the {Aadj} minister {E}",
        "assassination",
        "had plotted to assassinate {E}",
        "plotting to assassinate {E}",
        "the alleged plot against {E}",
        "the plot",
        ("{n} people were detained in connection with the alleged plot against {E}.",
         "{E} has received increased protection since the arrests.",
         "Prosecutors said the suspects had tracked {E} for {n} weeks."),
    ),
    Event(
        "pipeline", "place",
        "{B} divers blew up the {E} gas pipeline",
        "pipeline",
        "had sabotaged the {E} gas pipeline with explosives",
        "sabotaging the {E} gas pipeline",
        "the explosion on the {E} pipeline",
        "the pipeline blast",
        ("Gas flows through the {E} pipeline fell to zero within {n} minutes of the blast.",
         "Seismologists recorded two explosions near the {E} pipeline.",
         "Repairs to the {E} pipeline are expected to take {n} months."),
    ),
    Event(
        "ballots", "operation",
        "{B} interfered in the {Aadj} election through the network known as {E}",
        "election",
        "had run a network of fake accounts known as {E} to sway the election",
        "running a network of fake accounts known as {E}",
        "the influence campaign known as {E}",
        "the influence campaign",
        ("Researchers counted {n},000 accounts linked to {E}.",
         "Posts attributed to {E} peaked in the week before the vote.",
         "Platforms said they had removed accounts tied to {E}."),
    ),
    Event(
        "famine", "place",
        "{B} blocked grain convoys from reaching {E}",
        "grain",
        "had blocked grain convoys bound for {E} for {n} days",
        "blocking grain convoys bound for {E}",
        "the blockade of grain convoys to {E}",
        "the blockade",
        ("Aid agencies said {n} trucks of grain were waiting outside {E}.",
         "Bread prices in {E} have tripled since the convoys stopped.",
         "The road to {E} runs through territory held by both sides."),
    ),
]  # fmt: skip


@dataclass
class Person:
    name: str
    role: str  # "Foreign Minister", "army chief of staff"
    country: int

    def full(self, world: World, lead: bool = False) -> str:
        """'Valdorian Foreign Minister Anselm Vell' or 'Anselm Vell, the Valdorian army chief...'"""
        adj = world.countries[self.country][1]
        if self.role[0].isupper():
            return f"{adj} {self.role} {self.name}"
        return f"{self.name}, the {adj} {self.role},"

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass
class Claim:
    name: str
    description: str
    keywords: list[str]
    event: Event
    entity: str
    accuser: int  # the country that makes the claim
    accused: int  # the country that denies it


@dataclass
class World:
    countries: list[tuple[str, str, str]]
    people: dict[int, list[Person]]
    experts: list[str]  # "Name, a researcher with Open Ledger Watch,"
    claims: list[Claim]
    weights: list[float] = field(default_factory=list)


def _place(rng: random.Random, used: set[str]) -> str:
    while True:
        name = rng.choice(SYL_A) + rng.choice(SYL_B)
        if name not in used:
            used.add(name)
            return name


def build_world(seed: int = DEFAULT_SEED) -> World:
    """The countries, people and 50 claims; the same for every corpus size."""
    rng = random.Random(f"world-{seed}")
    surnames = list(dict.fromkeys(LAST + [a + b for a in SUR_A for b in SUR_B]))
    rng.shuffle(surnames)

    def new_name() -> str:
        return f"{rng.choice(FIRST)} {surnames.pop()}"

    people: dict[int, list[Person]] = {}
    for ci in range(len(COUNTRIES)):
        people[ci] = [Person(new_name(), role, ci) for _, role in ROLES]
    experts = [f"{new_name()}, {EXPERT_ROLES[k % len(EXPERT_ROLES)]}," for k in range(28)]
    places: set[str] = {c[0] for c in COUNTRIES} | {c[2] for c in COUNTRIES}
    claims: list[Claim] = []
    ships, groups = list(SHIPS), list(GROUPS)
    rng.shuffle(ships)
    rng.shuffle(groups)
    for i in range(CLAIMS):
        ev = EVENTS[i % len(EVENTS)]
        a = rng.randrange(len(COUNTRIES))
        b = (a + 1 + rng.randrange(len(COUNTRIES) - 1)) % len(COUNTRIES)
        if ev.entity == "place":
            entity = _place(rng, places)
        elif ev.entity == "ship" and ships:
            entity = ships.pop()
        elif ev.entity == "group" and groups:
            entity = groups.pop()
        elif ev.entity == "person":
            entity = new_name()
        else:  # operation, or ran out of ships/groups: an invented code name
            entity = f"Operation {_place(rng, places)}"
        kw_entity = entity.split()[-1] if ev.entity == "person" else entity
        fill = _fill_world(COUNTRIES, a, b, entity, 0)
        description = ev.description.format(**fill)
        slug = "-".join(
            w.lower() for w in (COUNTRIES[b][1], ev.kind, kw_entity.replace(" ", "-")) if w
        )
        claims.append(
            Claim(slug, description, [kw_entity, ev.keyword], ev, entity, accuser=a, accused=b)
        )
    weights = [1.0 / (k + 1) ** 0.6 for k in range(CLAIMS)]
    return World(list(COUNTRIES), people, experts, claims, weights)


def _fill_world(countries: list[tuple[str, str, str]], a: int, b: int, entity: str, n: int):
    return {
        "A": countries[a][0],
        "Aadj": countries[a][1],
        "capA": countries[a][2],
        "B": countries[b][0],
        "Badj": countries[b][1],
        "capB": countries[b][2],
        "E": entity,
        "n": n,
    }


# -- sentence templates ------------------------------------------------------------------
# Slots: {SA} a speaker of the accusing side, {SB} of the accused side, {S3} a third party,
# {sa}/{sb}/{s3} their surnames, {BA}/{BB} bodies ("the Valdorian Ministry of Defence"),
# {A}/{B} countries, {capA}/{capB} capitals, {past}, {gerund}, {noun}, {short}, {day}
# ("on Monday"), {outlet}, {platform}, {n}.

REPORTED = [
    "{SA} said {day} that {B} {past}.",
    "{SA} told reporters in {capA} {day} that {B} {past}, and that {A} would respond.",
    "According to {BA}, {B} {past}.",
    "{BA} said in a statement {day} that {B} {past}.",
    "{SA} accused {B} of {gerund}, calling it an act of terrorism.",
    "{BA} claimed that {B} {past}, citing intercepted radio traffic.",
    "Speaking {day}, {SA} insisted that {B} {past}.",
    "{SA} said {B} {past} and warned that the talks in {capB} were now in doubt.",
    "{A} has accused {B} of {gerund}.",
    "{SA} maintained that {B} {past}, according to a transcript released by {BA}.",
    "In a post on {platform}, {SA} wrote that {B} {past}.",
    "{SA} repeated the accusation {day}, saying {B} {past}.",
    "{capA} says {B} {past}, an accusation it has made at the Concord of Nations.",
]
QUOTE_ASSERT = [
    "{B} {past} and it will not go unanswered",
    "We have the evidence and we will show it to the world",
    "This was a deliberate attack, planned for weeks",
    "Nobody should be in any doubt about who is responsible for {short}",
    "{B} must answer for what it has done",
    "Our response will come at a time of our choosing",
    "What happened {day} is a crime, and the people behind it will be found",
    "The facts are clear and they point to {capB}",
]
QUOTE_DENY = [
    "No such attack happened",
    "This is a complete fabrication",
    "It is a lie from beginning to end",
    "{B} had nothing to do with it",
    "These accusations are baseless and they know it",
    "It never happened, and {capA} has shown no proof",
    "This is propaganda meant to derail the talks",
    "The story is pure fiction",
]
QUOTE_DOUBT = [
    "It is unclear whether it actually happened",
    "We have seen no evidence so far",
    "I don't believe it happened the way they describe it",
    "We will wait and see what the investigators find",
    "Until there is proof, I remain sceptical",
]
QUOTE_NEUTRAL = [
    "We are following the situation very closely",
    "Both sides must return to the negotiating table",
    "Civilians are paying the price for this war",
    "The next few days will decide whether the ceasefire holds",
    "We call on everyone to show restraint",
    "Our teams are ready to go in as soon as it is safe",
]
QUOTE_FRAMES = [
    "“{q},” {SPK} said.",
    "“{q},” {SPK} told {outlet} {day}.",
    "{SPK} told reporters {day}: “{q}.”",
    "“{q},” said {SPK}. “{q2}.”",
    "{SPK} said the situation was serious. “{q}.”",
    "“{q}, and everybody knows it,” {SPK} said in {cap}.",
    "In a video address {day}, {SPK} said: “{q}.”",
    "“{q},” {SPK} wrote on {platform}.",
]
DENIALS = [
    "{SB} denied that {B} had anything to do with {noun}.",
    "{BB} dismissed the allegation as a fabrication meant to justify further attacks.",
    "{capB} rejected the claims {day}, calling them a pretext for escalation.",
    "{SB} said the story about {noun} was invented and that {A} had shown no evidence.",
    "{B} denied any involvement in {noun}.",
    "{SB} rejected the accusation, saying {B} was not involved.",
    "{BB} called the accusation false and said {B} bore no responsibility for {short}.",
    "{SB} dismissed reports of {noun} as disinformation.",
]
DOUBTS = [
    "{S3} cast doubt on the account, saying {A} had offered no evidence.",
    "{S3} questioned whether {noun} had taken place at all.",
    "{S3} said it was unclear whether {short} had happened as described.",
    "Independent analysts have cast doubt on {A}’s version of events.",
    "{S3} said the claims could not be verified.",
    "{S3} said there was no sign of {short} in the satellite images.",
]
NARRATIVE = [  # background for an article on a claim: names its sides or its subject
    "{A} and {B} have been at odds since a ceasefire collapsed {n} months ago.",
    "Talks between {A} and {B} are due to resume in {cap3} next week.",
    "The Concord of Nations has called an emergency session on {short} for {weekday}.",
    "The border between {A} and {B} has been closed to civilian traffic since the spring.",
    "More than {n},000 people have fled the districts near {near} this year.",
    "Journalists have not been allowed near {near} to check the reports.",
    "The row over {short} erupted hours before a planned prisoner swap between {A} and {B}.",
    "Markets in {capA} fell sharply after news of {short} broke.",
    "Diplomats in {cap3} said the row over {short} threatened months of quiet negotiation.",
    "{A} and {B} have traded accusations of this kind before.",
    "The {Badj} currency lost {n} percent of its value in the week after {short}.",
    "{outlet} could not independently verify either side’s account of {short}.",
    "The last round of talks between {A} and {B} ended without agreement on the line of control.",
    "Fighting between {Aadj} and {Badj} forces has intensified over the past {n} days.",
    "Officials in {capA} have declined to say how they learned of {short}.",
    "Foreign governments have urged {A} and {B} not to let {short} derail the talks.",
    "Aid convoys near {near} were halted for {n} hours while the roads were checked for mines.",
    "The previous incident of this kind between {A} and {B}, in {year}, was never fully investigated.",
]
FOLLOW_UPS = [
    "He added that the government would publish more details in the coming days.",
    "She said the matter would be raised at the Concord of Nations.",
    "He did not take questions from reporters.",
    "She gave no further details.",
    "The remarks were carried live on state television.",
    "The statement did not say how many people had been hurt.",
]
GENERAL = [  # background for an article on no claim
    "Journalists were not allowed into the building.",
    "Markets in {capA} rose after the announcement.",
    "The government has faced growing criticism in {capA} over the cost of living.",
    "The opposition in {A} has called for early elections.",
    "Turnout in the last {Aadj} election was {n} percent.",
    "Officials in {capA} said more details would follow next week.",
]
OTHER_NEWS = [
    "The {Aadj} parliament approved the budget for next year by {n} votes to {m}.",
    "Farmers in {A} blocked roads near {capA} to protest against fuel prices.",
    "The {Aadj} central bank left interest rates unchanged at {n} percent.",
    "Floods in the south of {A} forced {n},000 people from their homes.",
    "A new rail line between {capA} and {capB} opened after {n} years of work.",
    "Teachers in {A} went on strike for a second week over pay.",
    "The {Aadj} national team reached the final for the first time in {n} years.",
    "Officials said the harvest in {A} was the largest in a decade.",
]
OTHER_QUOTES = [
    "This budget protects families and keeps the deficit under control",
    "We will not stop until the government listens",
    "Every household will feel the difference by the summer",
    "This is a historic day for our country",
]
STANDFIRSTS = [
    "{A} says {B} {past}; {capB} calls the accusation a fabrication designed to wreck the talks.",
    "{capA} vows a response after accusing {B} of {gerund}, while {capB} insists nothing happened.",
    "{B} denies {noun} as {A} releases what it says is evidence and foreign governments urge restraint.",
    "Doubts grow abroad over {noun} as {A} and {B} trade accusations ahead of talks in {cap3}.",
    "The row over {noun} deepens as {A} presses its case and {B} rejects every part of it.",
]
OTHER_STANDFIRSTS = [
    "The {Aadj} government faces a difficult week as protests spread and the opposition calls for early elections.",
    "Officials in {capA} say the economy is recovering, but households across {A} are still struggling with prices.",
]
SUBHEADS = [
    "Reaction abroad", "A pattern of accusations", "Talks in doubt", "What the evidence shows",
    "Calls for an inquiry", "Fears of escalation",
]  # fmt: skip


def _person(world: World, country: int, rng: random.Random, roles: tuple[int, ...]) -> Person:
    return world.people[country][rng.choice(roles)]


class _Writer:
    """Builds one article from its own random stream."""

    def __init__(self, world: World, rng: random.Random, date: dt.date):
        self.world, self.rng, self.date = world, rng, date
        self.introduced: set[str] = set()

    def fill(self, template: str, **extra: object) -> str:
        return template.format(**{**self.base, **extra})

    def speaker(self, person: Person) -> str:
        """Full name with role the first time, surname afterwards."""
        if person.name in self.introduced:
            return person.surname
        self.introduced.add(person.name)
        return person.full(self.world)

    def day(self) -> str:
        r = self.rng.random()
        if r < 0.55:
            back = self.rng.randrange(0, 4)
            return "on " + WEEKDAYS[(self.date - dt.timedelta(days=back)).weekday()]
        if r < 0.7:
            return "on " + self.rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday"])
        return self.rng.choice(["", "earlier this week", "late last night", "this morning"])

    def setup(self, claim: Claim | None) -> None:
        rng, w = self.rng, self.world
        if claim is None:
            a = rng.randrange(len(w.countries))
            b = (a + 1 + rng.randrange(len(w.countries) - 1)) % len(w.countries)
            entity = ""
        else:
            a, b, entity = claim.accuser, claim.accused, claim.entity
        third = rng.choice([c for c in range(len(w.countries)) if c not in (a, b)])
        self.a, self.b, self.third = a, b, third
        n = rng.randrange(3, 97)
        self.base = {
            **_fill_world(w.countries, a, b, entity, n),
            "cap3": w.countries[third][2],
            "outlet": rng.choice(OUTLETS),
            "platform": rng.choice(PLATFORMS),
            "weekday": rng.choice(WEEKDAYS),
            "year": self.date.year - rng.randrange(1, 9),
            "m": rng.randrange(10, 90),
        }
        self.base["near"] = (
            entity if claim is not None and claim.event.entity == "place" else "the border"
        )
        if claim is not None:
            ev = claim.event
            for key in ("past", "gerund", "noun", "short"):
                self.base[key] = getattr(ev, key).format(**self.base)

    def who(self, side: str) -> str:
        rng = self.rng
        if side == "A":
            return self.speaker(_person(self.world, self.a, rng, (0, 1, 2, 3, 4, 6)))
        if side == "B":
            return self.speaker(_person(self.world, self.b, rng, (0, 1, 2, 3, 4, 5)))
        r = rng.random()
        if r < 0.5:
            return self.speaker(_person(self.world, self.third, rng, (0, 2, 5)))
        expert = rng.choice(self.world.experts)
        name = expert.split(",")[0]
        if name in self.introduced:
            return name.split()[-1]
        self.introduced.add(name)
        return expert

    def body(self, side: str) -> str:
        country = self.world.countries[self.a if side == "A" else self.b]
        return f"the {country[1]} {self.rng.choice(BODIES)}"

    def slots(self, *templates: str) -> dict[str, object]:
        """Values for the per-sentence slots the templates use (only those: naming a
        speaker marks them as introduced)."""
        used = set(_SLOT.findall(" ".join(templates)))
        makers = {
            "SA": lambda: self.who("A"),
            "SB": lambda: self.who("B"),
            "S3": lambda: self.who("3"),
            "BA": lambda: self.body("A"),
            "BB": lambda: self.body("B"),
            "day": self.day,
            "n": lambda: self.rng.randrange(3, 97),
        }
        return {k: make() for k, make in makers.items() if k in used}

    def narrative(self, topic: bool) -> str:
        """A background sentence, each at most once per article (dealt from a deck)."""
        if not self.deck:
            pool = NARRATIVE + self.facts if topic else GENERAL + OTHER_NEWS
            self.deck = self.rng.sample(pool, len(pool))
        return _tidy(self.fill(self.deck.pop(), n=self.rng.randrange(3, 97)))

    def sentence(self, kind: str, topic: bool) -> str:
        """The first sentence of a paragraph of this kind ("quote:deny", "reported"...)."""
        rng = self.rng
        if kind == "narrative":
            return self.narrative(topic)
        if not topic:
            if kind.startswith("quote"):
                frame = rng.choice(QUOTE_FRAMES[:3])
                spk = self.who(rng.choice("AB3"))
                return _tidy(
                    self.fill(frame, q=rng.choice(OTHER_QUOTES), q2="", SPK=spk, cap="",
                              day=self.day(), n=rng.randrange(3, 97))
                )  # fmt: skip
            return self.narrative(topic)
        if kind.startswith("quote"):
            side, pool = {
                "quote:assert": ("A", QUOTE_ASSERT),
                "quote:deny": ("B", QUOTE_DENY),
                "quote:doubt": ("3", QUOTE_DOUBT),
            }.get(kind, (rng.choice("AB3"), QUOTE_NEUTRAL))
            q, q2 = rng.sample(pool, 2)
            cap = {"A": self.base["capA"], "B": self.base["capB"]}.get(side, self.base["cap3"])
            frame = rng.choice(QUOTE_FRAMES)
            extra = self.slots(q, q2, frame)
            q = self.fill(q, **extra)
            q2 = self.fill(q2, **extra)
            return _tidy(self.fill(frame, q=q, q2=q2, SPK=self.who(side), cap=cap, **extra))
        pool = {"reported": REPORTED, "deny": DENIALS, "doubt": DOUBTS}[kind]
        template = rng.choice(pool)
        return _tidy(self.fill(template, **self.slots(template)))

    def paragraph(self, kind: str, topic: bool) -> str:
        rng = self.rng
        first = self.sentence(kind, topic)
        more = [self.narrative(topic)]
        if kind != "narrative" and rng.random() < 0.3:
            more.insert(0, rng.choice(FOLLOW_UPS))
        if rng.random() < 0.5:
            more.append(self.narrative(topic))
        return " ".join([first, *more])

    def article(self, claim: Claim | None) -> dict[str, object]:
        rng = self.rng
        self.setup(claim)
        topic = claim is not None
        self.deck: list[str] = []
        self.facts = (
            [f.replace("{n}", str(rng.randrange(3, 97))) for f in claim.event.facts]
            if claim is not None
            else []
        )
        if topic:
            standfirst = _tidy(self.fill(rng.choice(STANDFIRSTS)))
        else:
            standfirst = _tidy(self.fill(rng.choice(OTHER_STANDFIRSTS)))
        n_par = rng.randrange(10, 15)
        kinds = [_kind(rng.random()) for _ in range(n_par)]
        if topic:
            kinds[0] = "reported"  # the lede states the claim
            if not any(k in ("deny", "quote:deny") for k in kinds):
                kinds[rng.randrange(1, n_par)] = rng.choice(["deny", "quote:deny"])
        paragraphs = [self.paragraph(k, topic) for k in kinds]
        if topic and rng.random() < 0.3:
            paragraphs.insert(rng.randrange(4, len(paragraphs)), rng.choice(SUBHEADS))
        ev = claim.event.kind if claim else "news"
        headline = _tidy(
            self.fill(
                "{A} accuses {B} over {short}" if topic else "{A}: a week of protests and budgets"
            )
        )
        return {
            "standfirst": standfirst,
            "headline": headline[:1].upper() + headline[1:],
            "paragraphs": paragraphs,
            "date": self.date,
            "source": self.base["outlet"],
            "slug": f"{ev}-{self.base['E'].lower().replace(' ', '-') or 'domestic'}",
            "claim": claim.name if claim else None,
        }


# Paragraph kinds and their shares: 33% of an article on a claim carry a direct quote (about
# 30% over the corpus, standfirsts and other news included); 11% deny (7.5% in a quote).
KINDS = [
    (0.17, "quote:assert"), (0.245, "quote:deny"), (0.28, "quote:doubt"), (0.33, "quote:other"),
    (0.37, "deny"), (0.58, "reported"), (0.63, "doubt"), (1.0, "narrative"),
]  # fmt: skip


def _kind(r: float) -> str:
    return next(kind for upto, kind in KINDS if r < upto)


def _tidy(text: str) -> str:
    """Collapse the gaps an empty slot leaves ("said  that", "said ,")."""
    text = " ".join(text.split())
    for bad, good in ((" ,", ","), (" .", "."), (",,", ","), (",.", "."), (",:", ":"), (" :", ":")):
        text = text.replace(bad, good)
    return text[:1].upper() + text[1:]


def article(world: World, i: int, n_total: int, seed: int = DEFAULT_SEED) -> dict[str, object]:
    """Article ``i``: its own random stream, its date spread over the corpus's span."""
    rng = random.Random(f"article-{seed}-{i}")
    # Dates grow with i (dumps are chronological) over a span that does not depend on the
    # corpus size, so that article i is the same in a 1k and a 10k corpus.
    date = START + dt.timedelta(days=(i * 7 // 200) % SPAN_DAYS)
    claim = None
    if rng.random() >= 0.125:
        claim = rng.choices(world.claims, weights=world.weights)[0]
    a = _Writer(world, rng, date).article(claim)
    a["url"] = f"https://news.example/{date.isoformat()}/{a['slug']}-{i}"
    a["id"] = i
    return a


def published_line(date: dt.date) -> str:
    """'Published On 5 Jan 20265 Jan 2026': the date printed twice, glued."""
    d = f"{date.day} {MONTHS[date.month - 1]} {date.year}"
    return f"Published On {d}{d}"


def dump_lines(a: dict[str, object]) -> list[str]:
    """The article as it appears in a scraped dump: one paragraph per line."""
    paragraphs = list(a["paragraphs"])  # type: ignore[call-overload]
    return [
        str(a["standfirst"]),
        published_line(a["date"]),  # type: ignore[arg-type]
        "Share",
        *paragraphs[:2],
        "Recommended Stories",
        "list of 3 itemsend of list",
        *paragraphs[2:],
    ]


def record(a: dict[str, object]) -> dict[str, object]:
    """The article as a JSON Lines record."""
    paragraphs = [str(a["standfirst"]), *a["paragraphs"]]  # type: ignore[misc]
    return {
        "title": a["headline"],
        "text": "\n".join(paragraphs),
        "published": a["date"].isoformat(),  # type: ignore[attr-defined]
        "url": a["url"],
        "source": a["source"],
    }


def articles(n: int, seed: int = DEFAULT_SEED, world: World | None = None) -> Iterator[dict]:
    world = world or build_world(seed)
    for i in range(n):
        yield article(world, i, n, seed)


def claims_records(world: World) -> list[dict[str, object]]:
    return [
        {"name": c.name, "description": c.description, "keywords": c.keywords} for c in world.claims
    ]


def write_claims(path: str | os.PathLike[str], seed: int = DEFAULT_SEED) -> int:
    world = build_world(seed)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for c in claims_records(world):
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    return len(world.claims)


def generate(
    n: int,
    fmt: str,
    out: str | os.PathLike[str],
    seed: int = DEFAULT_SEED,
    per_file: int | None = None,
) -> dict[str, int]:
    """Write ``n`` articles under ``out``; returns files, articles and bytes written."""
    if fmt not in ("text", "jsonl"):
        raise ValueError(f"format must be text or jsonl, not {fmt!r}")
    per_file = per_file or (TEXT_PER_FILE if fmt == "text" else JSONL_PER_FILE)
    outdir = Path(out)
    outdir.mkdir(parents=True, exist_ok=True)
    world = build_world(seed)
    files = size = 0
    f = None
    try:
        for a in articles(n, seed, world):
            i = int(a["id"])  # type: ignore[call-overload]
            if i % per_file == 0:
                if f is not None:
                    f.close()
                ext = "txt" if fmt == "text" else "jsonl"
                f = open(outdir / f"{fmt}-{i // per_file:05d}.{ext}", "w", encoding="utf-8")
                files += 1
            if fmt == "text":
                chunk = "\n".join(dump_lines(a)) + "\n"
            else:
                chunk = json.dumps(record(a), ensure_ascii=False) + "\n"
            size += len(chunk.encode("utf-8"))
            assert f is not None
            f.write(chunk)
    finally:
        if f is not None:
            f.close()
    return {"files": files, "articles": n, "bytes": size}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=1000, help="how many articles (default 1000)")
    p.add_argument("--format", choices=["text", "jsonl"], default="text")
    p.add_argument("--out", required=True, help="directory to write the files into")
    p.add_argument("--claims", help="also write the 50 claims as JSON Lines to this file")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument(
        "--per-file", type=int, help="articles per file (default 50 for text, 1000 for jsonl)"
    )
    args = p.parse_args(argv)
    stats = generate(args.articles, args.format, args.out, args.seed, args.per_file)
    if args.claims:
        write_claims(args.claims, args.seed)
    print(
        f"{stats['articles']} articles in {stats['files']} file(s), {stats['bytes']:,} bytes "
        f"({stats['bytes'] / max(1, stats['articles']):,.0f} per article) in {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
