"""The coder's rules on who acts (components/event_rules.py, generic.py), on actor references and Docs
built for the test."""
from dataclasses import replace

from dyads.components.event_rules import distinct
from dyads.model.actors import ActorRef


def test_two_sectors_of_one_state_outside_its_organs_are_two_actors():
    def ref(role, name):
        return ActorRef(key="PSE", role=role, name=name, kind="state", code="PSE" + (role or ""))

    gunmen, civilians, police = ref("UAF", "Palestinian gunmen"), ref("CVL", "civilians"), ref("COP", "police")
    assert distinct(gunmen, civilians)  # "Palestinian gunmen killed civilians"
    assert distinct(police, civilians)  # an organ of the state and its people, as before
    assert not distinct(civilians, ref("CVL", "Palestinian civilians"))  # one sector: no dyad
    # a court or a legislature checks the executive: "the parliament rejected the prime minister's deal"
    assert distinct(ref("LEG", "parliament"), ref("GOV", "prime minister"))
    assert distinct(ref("JUD", "court"), ref("GOV", "government"))
    assert not distinct(ref("GOV", "government"), ref("MIL", "army"))  # two organs of the executive: no dyad


def test_a_person_acts_on_a_place_of_their_own_state_though_the_state_as_a_whole_does_not():
    place = ActorRef(key="GTM", role=None, name="Santa Cruz Barillas", kind="place", code="GTM", in_kb=False)
    president = ActorRef(key="GTM", role=None, name="Molina", kind="person", code="GTM", in_kb=False)
    state = ActorRef(key="GTM", role=None, name="Guatemala", kind="state", code="GTM")
    assert distinct(president, place)  # "Molina declared a state of siege in Santa Cruz Barillas"
    assert not distinct(state, place)  # "Guatemala declared ...": one-sided, as before


def test_a_violent_act_as_subject_carries_the_act_with_no_source_named():
    import spacy
    from spacy.tokens import Doc

    from dyads.components import generic
    from dyads.components.events import EventCoder
    from dyads.ontology.cameo import load_cameo
    from dyads.ontology.patterns import load_patterns

    coder = EventCoder(load_patterns(), load_cameo())
    # "A roadside bombing killed a soldier." / "A landslide killed a soldier."
    for noun, code in (("bombing", "1833"), ("landslide", None)):
        doc = Doc(spacy.blank("en").vocab, words=["A", "roadside", noun, "killed", "a", "soldier"],
                  heads=[2, 2, 3, 3, 5, 3], deps=["det", "compound", "nsubj", "ROOT", "det", "dobj"],
                  pos=["DET", "NOUN", "NOUN", "VERB", "DET", "NOUN"],
                  lemmas=["a", "roadside", noun, "kill", "a", "soldier"])
        found = generic.violent_subject(coder, [doc[2]])
        assert (found.code if found else None) == code


def test_an_event_in_an_adverbial_clause_beside_a_main_clause_event_is_background():
    import spacy
    from spacy.tokens import Doc

    from dyads.components.event_rules import BACKGROUND_LOWERED, background
    from dyads.model.events import Event

    # "The EU imposed sanctions after Russia shelled Kharkiv."
    words = ["The", "EU", "imposed", "sanctions", "after", "Russia", "shelled", "Kharkiv", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 2, 2, 2, 6, 6, 2, 6, 2],
              deps=["det", "nsubj", "ROOT", "dobj", "mark", "nsubj", "advcl", "dobj", "punct"],
              pos=["DET", "PROPN", "VERB", "NOUN", "SCONJ", "PROPN", "VERB", "PROPN", "PUNCT"],
              tags=["DT", "NNP", "VBD", "NNS", "IN", "NNP", "VBD", "NNP", "."])

    def event(i, code):
        ref = ActorRef(key="RUS", role=None, name="Russia", kind="state", code="RUS")
        start = doc[i].idx
        return Event(id=str(i), document_id="d", segment="body", sentence_index=0, sentence=doc.text,
                     sentence_start=0, code=code, name=code, root=code[:2], goldstein=0.0, quad=4, penta=4,
                     plover=None, source=ref, target=ref, source_span=(0, 1), target_span=(0, 1),
                     predicate_span=(start, start + len(doc[i])), predicate=doc[i].text, pattern=code,
                     confidence=0.8)

    sanctions, shelling = event(2, "163"), event(6, "194")
    background([sanctions, shelling], doc)
    assert sanctions.confidence == 0.8  # the main clause's event keeps its confidence
    assert shelling.confidence == round(0.8 - BACKGROUND_LOWERED, 2)
    alone = event(6, "194")  # told alone, the clause's event is the sentence's event: nothing to defer to
    background([alone], doc)
    assert alone.confidence == 0.8


def test_a_generic_code_gives_way_only_to_a_specific_one_of_the_same_source():
    from dyads.components.event_rules import most_specific
    from dyads.model.actors import EMPTY
    from dyads.model.events import Event

    def event(code, source):
        return Event(id=code + source.name, document_id="d", segment="body", sentence_index=0, sentence="s",
                     sentence_start=0, code=code, name=code, root=code[:2], goldstein=-10.0, quad=4, penta=4,
                     plover=None, source=source, target=EMPTY, source_span=(0, 1), target_span=(0, 0),
                     predicate_span=(0, 1), predicate="x", pattern=code, confidence=0.8)

    isil = ActorRef(key="IMGMUSISI", role=None, name="ISIL", kind="group", code="IMGMUSISI")
    bomber = ActorRef(key="---", role="UAF", name="a suicide bomber", kind="role", code="---UAF", in_kb=False)
    # "ISIL launched an attack on the embassy, with a suicide bomber blowing himself up": two acts, two sources
    assert [e.code for e in most_specific([event("190", isil), event("1831", bomber)])] == ["190", "1831"]
    # "A Taliban suicide bomber blew himself up ..., killing six soldiers": one act told twice
    assert [e.code for e in most_specific([event("190", isil), event("1831", isil)])] == ["1831"]
    assert [e.code for e in most_specific([event("190", isil), event("1831", EMPTY)])] == ["1831"]


def test_a_place_acted_on_and_the_actor_it_names_are_one_target():
    from dyads.components.event_rules import dedupe
    from dyads.model.events import Event

    eu = ActorRef(key="EU", role=None, name="EU", kind="org", code="IGOEUREEC")
    place = ActorRef(key="AFG", role=None, name="Kabul", kind="place", code="AFG")
    government = ActorRef(key="AFG", role="GOV", name="Afghanistan", kind="state", code="AFGGOV")

    def event(target, confidence):  # "The EU sent aid to Kabul": the verb's place and the noun's recipient
        return Event(id=target.code, document_id="d", segment="body", sentence_index=0, sentence="", sentence_start=0,
                     code="070", name="", root="07", goldstein=7.0, quad=2, penta=2, plover=None, source=eu,
                     target=target, source_span=(4, 6), target_span=(20, 25), predicate_span=(0, 0), predicate="",
                     pattern="p", confidence=confidence)

    assert [e.target.code for e in dedupe([event(place, 0.75), event(government, 0.66)])] == ["AFGGOV"]
    other = replace(government, key="PAK", code="PAKGOV")
    assert {e.target.code for e in dedupe([event(place, 0.75), event(other, 0.66)])} == {"AFG", "PAKGOV"}
    # "offering his condolences over an attack in New Zealand": the same act with no one receiving it goes
    from dyads.model.actors import EMPTY
    assert [e.target.code for e in dedupe([event(EMPTY, 0.66), event(government, 0.75)])] == ["AFGGOV"]
    assert len(dedupe([event(EMPTY, 0.75), event(government, 0.5)])) == 2  # not for a less likely reading
    assert [e.target for e in dedupe([event(EMPTY, 0.75)])] == [EMPTY]
