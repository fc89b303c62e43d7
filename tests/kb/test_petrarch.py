"""Readers for CAMEO/PETRARCH actor and agent dictionaries (dyads.kb.petrarch).

Inline snippets cover the syntax; the real PETRARCH/Phoenix dictionaries are read
from ../shared at test time (skipped when that folder is missing).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyads.errors import DyadsError
from dyads.kb.petrarch import (
    NULL_CODE,
    ActorEntry,
    DatedCode,
    DictionaryError,
    parse_date,
    phrase_plural,
    read_actor_dictionary,
    read_agent_dictionary,
    regular_plural,
)
from tests.conftest import PETRARCH_DICTS as DICTS


ACTORS = """\
<!-- TEST ACTORS -->
<!--
# a multi-line comment block: [NOT] an entry
NOT_AN_ACTOR [XXX]
-->
<! -- a spaced opener, as in PETR.Validate.actors.txt -->
# a hash comment
; a semicolon comment

ARNOR_  [arn]  # lower-case code
+ARNORIAN
+NORTH_KINGDOM_ ; synonym comment
+ARTHEDAIN_ +CARDOLAN_

GOLLUM  # pas 27 Apr 03
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
#\t[950601-990815]  commented out
\t[HOBREB >990816]

SAM_GAMGEE [HOB]  ; CountryInfo.txt
\t[HOBCIV <20080120]
\t[ORCHOB 20100109-20100112] # listed first, so it wins over the next one
\t[HOBMIL 20080120-20121109]

PRINCE OF DOL AMROTH
\t[--- <950630]
\t[DOL]

BOROMIR  [---]
ENT
\t[ENT]
FARAMIR\t[GONMIL 291231-300101] [GON]# inline restrictions, TABARI style
NO_CODE_AT_ALL
"""

AGENTS = """\
<!-- TEST AGENTS -->
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
!MINST! = MINISTER, MINISTERS , MINISTRY, MINISTRIES

PARLIAMENTARY_OPPOSITION {} [~OPP] #jap 11 Oct 2002
FOREIGN_MINISTER [~GOVFRM] # jap 4/14/01
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
CONGRESS [~LEG]
CONGRESS!PERSON! [~LEG}
!MINST!_OF_SILLY_WALKS [~GOV]
AUTHORITY  [~gov]
MILITIAMAN [~UAF]
TROOPS [~MIL]
HUMAN_RIGHTS_BODY  [NGO~]
HUMAN_RIGHTS_ORGANIZATION  [  NGO~]
POLICE {} [ ~COP]
GOLDEN_GOOSE {GOLDEN_GEESE, GOLDEN_GOOSES} [~GGS]
ISLAMIC_EXTREMIST
!MINIST!_OF_NOTHING [~GOV]
BROKEN {BRACE [~GOV]
NO_TILDE [GOV]
"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def need(name: str) -> Path:
    path = DICTS / name
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared missing)")
    return path


def by_phrase(entries: list[ActorEntry]) -> dict[str, ActorEntry]:
    out: dict[str, ActorEntry] = {}
    for entry in entries:
        for phrase in entry.phrases:
            out.setdefault(phrase, entry)
    return out


# ---------------------------------------------------------------- dates


def test_parse_date_formats_and_two_digit_pivot():
    assert parse_date("20080120") == date(2008, 1, 20)
    assert parse_date("450703") == date(1945, 7, 3)
    assert parse_date("070723") == date(2007, 7, 23)
    assert parse_date("300101") == date(2030, 1, 1)  # YY <= 30 -> 20YY (PETRARCH)
    assert parse_date("310101") == date(1931, 1, 1)
    for bad in ("2008012", "20081320", "abcdef", "", "201005011"):
        with pytest.raises(DictionaryError):
            parse_date(bad)


def test_dictionary_error_is_a_dyads_error_with_path_and_line(tmp_path):
    path = write(tmp_path, "bad.actors", "ARNOR [ARN]\n\t[ARNGOV 20081340-20090101]\n")
    with pytest.raises(DyadsError) as caught:
        read_actor_dictionary(path, strict=True)
    assert isinstance(caught.value, DictionaryError)
    assert f"{path}:2" in str(caught.value)
    assert caught.value.line == 2
    with pytest.raises(DictionaryError, match="cannot read"):
        read_actor_dictionary(tmp_path / "missing.actors")


# ---------------------------------------------------------------- actors


def test_actor_syntax(tmp_path):
    warnings: list[str] = []
    entries = read_actor_dictionary(write(tmp_path, "t.actors", ACTORS), warnings)
    assert warnings == []
    actors = by_phrase(entries)
    assert "NOT AN ACTOR" not in actors
    assert [e.phrases[0] for e in entries] == [
        "ARNOR", "GOLLUM", "SAM GAMGEE", "PRINCE OF DOL AMROTH", "BOROMIR", "ENT", "FARAMIR", "NO CODE AT ALL"]

    arnor = actors["ARNOR"]
    assert arnor.phrases == ["ARNOR", "ARNORIAN", "NORTH KINGDOM", "ARTHEDAIN", "CARDOLAN"]
    assert arnor.exact == [True, False, True, True, True]
    assert arnor.default == "ARN" and arnor.dated == []
    assert arnor.comment == "lower-case code"
    assert arnor.line == 10
    assert arnor.code_at(date(2020, 1, 1)) == "ARN" and arnor.code_at(None) == "ARN"

    gollum = actors["SMEAGOL"]
    assert gollum.phrases[0] == "GOLLUM" and gollum.default is None
    assert gollum.dated == [DatedCode("HOB", None, date(1995, 6, 1)),
                            DatedCode("HOBGOV", date(1995, 6, 1), date(1999, 8, 15)),
                            DatedCode("HOBREB", date(1999, 8, 16), None)]
    assert gollum.code_at(date(1990, 1, 1)) == "HOB"
    assert gollum.code_at(date(1995, 6, 1)) == "HOB"  # limits are inclusive; first match wins
    assert gollum.code_at(date(1997, 1, 1)) == "HOBGOV"
    assert gollum.code_at(date(1999, 8, 15)) == "HOBGOV"
    assert gollum.code_at(date(2024, 1, 1)) == "HOBREB"
    assert gollum.code_at(None) == "HOBREB"  # no default: the last open-ended code

    sam = actors["SAM GAMGEE"]
    assert sam.comment == "CountryInfo.txt"
    assert sam.code_at(date(2000, 1, 1)) == "HOBCIV"  # before
    assert sam.code_at(date(2010, 1, 10)) == "ORCHOB"  # inside two: the first listed
    assert sam.code_at(date(2009, 1, 1)) == "HOBMIL"  # inside
    assert sam.code_at(date(2013, 1, 1)) == "HOB"  # after every restriction: the default
    assert sam.code_at(None) == "HOB"

    prince = actors["PRINCE OF DOL AMROTH"]
    assert prince.dated == [DatedCode(NULL_CODE, None, date(1995, 6, 30))]
    assert prince.code_at(date(1990, 1, 1)) is None  # null code in that period
    assert prince.code_at(date(2000, 1, 1)) == "DOL"  # bare [CODE] is a default

    assert actors["BOROMIR"].default is None and actors["BOROMIR"].code_at(None) is None
    assert actors["ENT"].default == "ENT"
    faramir = actors["FARAMIR"]
    assert faramir.default == "GON"
    assert faramir.dated == [DatedCode("GONMIL", date(2029, 12, 31), date(2030, 1, 1))]
    assert faramir.code_at(date(2030, 1, 1)) == "GONMIL" and faramir.code_at(date(2030, 1, 2)) == "GON"
    assert actors["NO CODE AT ALL"].code_at(date(2000, 1, 1)) is None


def test_actor_bad_lines_become_warnings(tmp_path):
    text = ("\t[ORPHAN <900101]\n"
            "+ORPHAN_SYNONYM\n"
            "MORDOR [MOR]\n"
            "\t[MORGOV 2008012-20090101]\n"
            "\t[MORMIL 20080101-20070101]\n"
            "\t[950601-990815]\n"
            "\t[MORREB sometimes]\n"
            "\t[MORELI 20121204]\n"
            "+FAEROYENE]_\n"
            "\tBARAD_DUR\t[MORTOR 19990101-20001231]\n"
            "ROHAN [ROH\n"
            "<ISSUE CATEGORY=\"X\">\n")
    warnings: list[str] = []
    entries = read_actor_dictionary(write(tmp_path, "bad.actors", text), warnings)
    print("\n".join(warnings))
    mordor = by_phrase(entries)["MORDOR"]
    assert mordor.phrases == ["MORDOR", "BARAD DUR"]
    assert mordor.dated == [DatedCode("MORELI", date(2012, 12, 4), None),  # bare date read as ">date"
                            DatedCode("MORTOR", date(1999, 1, 1), date(2000, 12, 31))]
    assert "ROHAN" in by_phrase(entries)
    assert len(warnings) == 11
    assert all(str(tmp_path) in w for w in warnings)
    for line in (1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12):
        assert any(f"bad.actors:{line}:" in w for w in warnings), line


def test_cp1252_fallback(tmp_path):
    text = "C\xd4TE_D'IVOIRE_ [CIV]\n+ABIDJAN\n"
    entries = read_actor_dictionary(write(tmp_path, "latin.actors", text, "cp1252"))
    assert entries[0].phrases == ["C\xd4TE D'IVOIRE", "ABIDJAN"]
    entries = read_actor_dictionary(write(tmp_path, "utf8.actors", "\ufeff" + text, "utf-8"))
    assert entries[0].phrases[0] == "C\xd4TE D'IVOIRE"


# ---------------------------------------------------------------- agents


def test_regular_plurals():
    assert regular_plural("MINISTER") == "MINISTERS"
    assert regular_plural("AUTHORITY") == "AUTHORITIES"
    assert regular_plural("ATTORNEY") == "ATTORNEYS"
    assert regular_plural("CONGRESS") == "CONGRESSES"
    assert regular_plural("CHURCH") == "CHURCHES"
    assert regular_plural("MILITIAMAN") == "MILITIAMEN"
    assert regular_plural("HUMAN") == "HUMANS"
    assert regular_plural("TROOPS") is None
    assert phrase_plural("PRIME MINISTER") == ("PRIME MINISTERS",)
    assert phrase_plural("SECURITY OFFICIALS") == ()


def test_agent_syntax(tmp_path):
    warnings: list[str] = []
    entries = read_agent_dictionary(write(tmp_path, "t.agents", AGENTS), warnings)
    print("\n".join(warnings))
    agents = {(e.phrase, e.line): e for e in entries}
    phrases = [e.phrase for e in entries]
    by = {e.phrase: e for e in entries}

    assert by["PARLIAMENTARY OPPOSITION"].plurals == () and by["PARLIAMENTARY OPPOSITION"].code == "OPP"
    assert by["FOREIGN MINISTER"].code == "GOVFRM" and by["FOREIGN MINISTER"].prefix is False
    assert by["FOREIGN MINISTER"].plurals == ("FOREIGN MINISTERS",)
    assert by["FOREIGN MINISTER"].line == 6
    assert by["ATTORNEY GENERAL"].plurals == ("ATTORNEYS GENERAL",)
    assert by["CONGRESS"].plurals == ("CONGRESSES",)
    congress = [e for e in entries if e.line == 9]
    assert [e.phrase for e in congress] == ["CONGRESSMAN", "CONGRESSMEN", "CONGRESSWOMAN", "CONGRESSWOMEN",
                                            "CONGRESSPERSON"]
    assert all(e.code == "LEG" and e.plurals == () for e in congress)  # [~LEG} typo accepted
    assert [e.phrase for e in entries if e.line == 10] == [
        "MINISTER OF SILLY WALKS", "MINISTERS OF SILLY WALKS", "MINISTRY OF SILLY WALKS", "MINISTRIES OF SILLY WALKS"]
    assert by["AUTHORITY"].code == "GOV" and by["AUTHORITY"].plurals == ("AUTHORITIES",)
    assert by["MILITIAMAN"].plurals == ("MILITIAMEN",)
    assert by["TROOPS"].plurals == ()
    for name in ("HUMAN RIGHTS BODY", "HUMAN RIGHTS ORGANIZATION"):
        assert by[name].code == "NGO" and by[name].prefix is True
    assert by["POLICE"].code == "COP" and by["POLICE"].plurals == () and not by["POLICE"].prefix
    assert by["GOLDEN GOOSE"].plurals == ("GOLDEN GEESE", "GOLDEN GOOSES")
    assert agents[("GOLDEN GOOSE", 17)]

    for skipped in ("ISLAMIC EXTREMIST", "MINISTER OF NOTHING", "BROKEN", "NO TILDE"):
        assert skipped not in phrases
    assert len(warnings) == 4
    assert any("t.agents:18:" in w and "code" in w for w in warnings)
    assert any("t.agents:19:" in w and "!MINIST!" in w for w in warnings)
    assert any("t.agents:20:" in w and "}" in w for w in warnings)
    assert any("t.agents:21:" in w and "~" in w for w in warnings)


# ---------------------------------------------------------------- the real dictionaries

ACTOR_MINIMUM = {
    "PETR.Validate.actors.txt": 100,
    "Phoenix.Countries.actors.txt": 15000,
    "Phoenix.International.actors.txt": 7000,
    "Phoenix.MilNonState.actors.txt": 900,
}
AGENT_MINIMUM = {"PETR.Validate.agents.txt": 80, "Phoenix.agents.txt": 3000}


@pytest.mark.parametrize("name", sorted(ACTOR_MINIMUM))
def test_real_actor_dictionaries(name):
    warnings: list[str] = []
    entries = read_actor_dictionary(need(name), warnings)
    phrases = sum(len(e.phrases) for e in entries)
    dated = sum(len(e.dated) for e in entries)
    print(f"{name}: {len(entries)} entries, {phrases} phrases, {dated} dated codes, {len(warnings)} warnings")
    for warning in warnings:
        print("  ", warning)
    assert len(entries) >= ACTOR_MINIMUM[name]
    assert len(warnings) <= 20
    assert all(e.phrases and all(e.phrases) for e in entries)


@pytest.mark.parametrize("name", sorted(AGENT_MINIMUM))
def test_real_agent_dictionaries(name):
    warnings: list[str] = []
    entries = read_agent_dictionary(need(name), warnings)
    print(f"{name}: {len(entries)} agents, {len(warnings)} warnings")
    for warning in warnings:
        print("  ", warning)
    assert len(entries) >= AGENT_MINIMUM[name]
    assert len(warnings) <= 5
    assert all(e.code and "~" not in e.code for e in entries)


def test_phoenix_putin_and_kim():
    actors = by_phrase(read_actor_dictionary(need("Phoenix.Countries.actors.txt")))
    putin = actors["VLADIMIR PUTIN"]
    assert actors["PUTIN"] is putin and actors["PRIME MINISTER VLADIMIR PUTIN"] is putin
    assert putin.code_at(date(2024, 5, 16)) == "RUSGOV"
    assert putin.code_at(date(2009, 1, 1)) == "RUSGOV"  # prime minister, [RUSGOV >080508]
    assert putin.code_at(date(1999, 9, 1)) == "RUSGOV"  # prime minister, [RUSGOV 990809-000507]
    assert putin.code_at(date(1995, 1, 1)) == "RUSELI"
    assert putin.code_at(None) == "RUSELI"  # the bare [RUSELI] default
    kims = sorted(p for p in actors if p.startswith("KIM JONG"))
    has_kim_jong_un = any(p in actors for p in ("KIM JONG UN", "KIM JONG-UN", "KIM JONGUN"))
    print(f"Phoenix KIM JONG* phrases: {kims}; Kim Jong-un present: {has_kim_jong_un}")
    assert "KIM JONG IL" in actors
    assert not has_kim_jong_un  # the dictionaries date from 2014 and do not list him


def test_petr_validate_agents():
    agents = read_agent_dictionary(need("PETR.Validate.agents.txt"))
    by = {e.phrase: e for e in agents}
    assert by["FOREIGN MINISTER"].code == "GOVFRM" and not by["FOREIGN MINISTER"].prefix
    assert by["CONGRESSMAN"].code == "LEG" and by["CONGRESSWOMEN"].code == "LEG"
    assert by["CONGRESS"].plurals == ("CONGRESSES",)
    assert by["MINISTRY OF SILLY WALKS"].code == "GOV"
    assert by["HUMAN RIGHTS BODY"].prefix and by["HUMAN RIGHTS BODY"].code == "NGO"


def test_phoenix_agents():
    agents = read_agent_dictionary(need("Phoenix.agents.txt"))
    by: dict[str, list] = {}
    for entry in agents:
        by.setdefault(entry.phrase, []).append(entry)
    assert [e.code for e in by["PRESIDENT"]] == ["GOV"]
    assert by["PRESIDENT"][0].plurals == ("PRESIDENTS",)
    assert by["FOREIGN MINISTER"][0].code == "GOV"  # FOREIGN_!MINIST! expanded
    assert "BUSINESSWOMEN" in by
