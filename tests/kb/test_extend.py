"""Users' PETRARCH dictionaries extend the KB and change what the resolver finds."""
import datetime as dt

import pytest

from dyads import api
from dyads.kb import load_kb
from dyads.kb.check import check_kb
from dyads.model import Document
from dyads.pipeline import Pipeline, PipelineOptions
from tests.conftest import PETRARCH_DICTS as DICTS, need_shared



def test_kb_check_passes_on_our_kb():
    assert check_kb(load_kb()) == []


def test_acronyms_said_as_words_are_found_in_title_case_too():
    kb = load_kb()
    assert [e.ref for e in kb.lookup("Farc")] == ["FARC"] and [e.ref for e in kb.lookup("Isil")] == ["ISIL"]
    assert not kb.lookup("Un") and not kb.lookup("Eu")  # short initialisms are left alone


def test_kb_check_finds_problems():
    kb = load_kb()
    broken = type(kb)()
    broken.__dict__.update({k: (v.copy() if hasattr(v, "copy") else v) for k, v in kb.__dict__.items()})
    person = kb.people["vladimir-putin"]
    imposter = type(person)("someone-else", "Someone Else", (), [
        type(person.terms[0])("someone-else", "RUS", "head_of_state", "President", "GOV", dt.date(2020, 1, 1), None)])
    broken.people = dict(kb.people) | {"someone-else": imposter}
    problems = check_kb(broken)
    assert any("overlaps" in p and "Someone Else" in p for p in problems)


def test_validate_dictionaries_extend_the_kb(tmp_path):
    need_shared(DICTS)
    actors, agents = DICTS / "PETR.Validate.actors.txt", DICTS / "PETR.Validate.agents.txt"
    kb = load_kb((str(actors), str(agents)))
    assert kb.lookup("Arnor") and kb.roles.get("congressman") == "LEG"
    pipeline = Pipeline(PipelineOptions(dictionaries=(str(actors), str(agents))))
    doc = Document(id="t", source="t", doc="t", source_hash="t", language="en",
                   body="Arnor accused Gondor of aggression.", published=dt.date(2014, 1, 1))
    list(pipeline.annotate([doc]))
    keys = {r.key for m in doc.mentions for r in m.refs}
    assert {"ARN", "GON"} <= keys


def test_phoenix_dates(tmp_path):
    need_shared(DICTS)
    kb = load_kb((str(DICTS / "Phoenix.Countries.actors.txt"),))
    entries = [kb.dated_codes[e.ref] for e in kb.lookup("Hamid Karzai") if e.kind == "code"]
    if not entries:  # our KB already knows him: the dictionary does not override it
        assert kb.lookup("Hamid Karzai")
    api_summary, problems, _ = api.check_kb([str(DICTS / "Phoenix.Countries.actors.txt")])
    assert "dictionary:Phoenix.Countries.actors.txt" in api_summary
