"""pipeline.shared: the model and matchers built once per process, the learned names fresh per call."""
from __future__ import annotations

from dyads import api
from dyads.pipeline import PipelineOptions, forget_shared, runner, shared

NAME = ("Zorvan Keltic", "USA", "GOV")  # a name a store could have learned: (name, key, role)
TEXT = "Zorvan Keltic criticised China on Monday."


def test_a_second_call_loads_no_model_and_gets_its_own_names():
    first = shared(PipelineOptions())
    second = shared(PipelineOptions())
    assert first is not second
    assert first.nlp is second.nlp and first.kb is second.kb and first.coder is second.coder
    assert first.gazetteer is not second.gazetteer and first.selective is not second.selective


def test_the_kb_matchers_are_shared_and_the_learned_names_matched_beside_them():
    plain, taught = shared(PipelineOptions()), shared(PipelineOptions(learned=(NAME,)))
    assert taught.gazetteer.kb_names is plain.gazetteer.kb_names and taught.gazetteer.roles is plain.gazetteer.roles
    doc = taught.nlp.make_doc("China said Zorvan Keltic met Vladimir Putin in Moscow.")
    found = [(doc[start:end].text, taught.nlp.vocab.strings[key]) for key, start, end in taught.gazetteer.names(doc)]
    assert found == [("China", "China"), ("Zorvan Keltic", "Zorvan Keltic"), ("Vladimir Putin", "Vladimir Putin"), ("Moscow", "Moscow")]
    assert [doc[s:e].text for _, s, e in plain.gazetteer.names(doc)] == ["China", "Vladimir Putin", "Moscow"]


def test_names_one_call_learned_never_reach_the_next():
    taught = shared(PipelineOptions(learned=(NAME,)))
    assert NAME[0] in taught.gazetteer.learned
    (doc,) = api.annotate_texts([TEXT], pipeline=taught)
    assert [(e.source.code, e.target.code) for e in doc.events] == [("USAGOV", "CHN")]
    fresh = shared(PipelineOptions())
    assert NAME[0] not in fresh.gazetteer.learned
    (doc,) = api.annotate_texts([TEXT], pipeline=fresh)
    assert [e.source.code for e in doc.events] != ["USAGOV"]
    taught.learn([("Mirela Vost", "RUS", None)])  # learning later does not reach the kept pipeline either
    assert "Mirela Vost" not in shared(PipelineOptions()).gazetteer.learned


def test_other_options_replace_the_kept_pipeline():
    default = shared(PipelineOptions())
    full = shared(PipelineOptions(selective=False))
    assert full.nlp is not default.nlp and not full.options.selective
    assert list(runner._KEPT) == [PipelineOptions(selective=False)]
    assert shared(PipelineOptions()).nlp is not default.nlp  # the default built again: one kept at a time


def test_the_api_codes_from_the_kept_pipeline():
    first = api.code(["Russia accused Ukraine of shelling the plant."])
    kept = runner._KEPT[PipelineOptions()]
    again = api.code(["Russia accused Ukraine of shelling the plant."])
    assert runner._KEPT[PipelineOptions()] is kept
    assert [(e.code, e.source.code, e.target.code) for e in first] == \
        [(e.code, e.source.code, e.target.code) for e in again] == [("112", "RUS", "UKR")]


def test_forgetting_builds_anew():
    kept = shared(PipelineOptions())
    forget_shared()
    assert runner._KEPT == {}
    assert shared(PipelineOptions()).nlp is not kept.nlp
