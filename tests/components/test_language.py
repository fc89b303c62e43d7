"""Per-document language: identified with its confidence, short texts judged leniently toward the
expected language, `force_language` to override, and a document skipped for its language says so."""
import pytest

from dyads import api
from dyads.components.extract import ExtractOptions
from dyads.components.language import identify
from dyads.model import RawArticle


@pytest.mark.parametrize("text", ["Putin visited Minsk on Monday.", "The UK, France, and Germany met.",
                                  "Ministers met in Oslo on Tuesday."])
def test_short_english_sentences_are_english(text):
    # before: 'fi', 'en' at 0.17 and 'en' only by luck; an identifier guesses on a handful of words
    assert identify(text, "en")[0] == "en"


@pytest.mark.parametrize("text,lang", [("Die Regierung hat am Montag neue Sanktionen gegen Moskau beschlossen.", "de"),
                                       ("Le gouvernement a annoncé lundi une réforme des retraites.", "fr")])
def test_a_short_text_another_language_claims_firmly_keeps_it(text, lang):
    assert identify(text, "en")[0] == lang


def _doc(body: str, **options):
    raw = RawArticle(source="t.jsonl:1", doc="t", kind="body", text=body)
    return api.process(raw, api.Options(extract=ExtractOptions(**options)))


BODY_DE = ("Die Bundesregierung hat am Montag in Berlin neue Sanktionen gegen Russland beschlossen. "
           "Der Kanzler sagte, die Maßnahmen träten sofort in Kraft.")


def test_language_and_confidence_in_the_record():
    doc = _doc(BODY_DE)
    assert doc.language == "de" and 0.5 < doc.language_confidence <= 1.0


def test_forced_language_wins():
    doc = _doc(BODY_DE, force_language="en")
    assert doc.language == "en" and doc.language_confidence is None


def test_a_document_skipped_for_its_language_says_why():
    from dyads.pipeline import Pipeline

    (doc,) = list(Pipeline().annotate([_doc(BODY_DE)]))
    assert not doc.events and not doc.mentions
    assert any(w.startswith("language is 'de'") and "not coded" in w for w in doc.warnings), doc.warnings
