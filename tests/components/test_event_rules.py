"""The coder's rules on who acts (components/event_rules.py, generic.py), on actor references and Docs
built for the test."""
from dyads.components.event_rules import distinct
from dyads.model.actors import ActorRef


def test_two_sectors_of_one_state_outside_its_organs_are_two_actors():
    def ref(role, name):
        return ActorRef(key="PSE", role=role, name=name, kind="state", code="PSE" + (role or ""))

    gunmen, civilians, police = ref("UAF", "Palestinian gunmen"), ref("CVL", "civilians"), ref("COP", "police")
    assert distinct(gunmen, civilians)  # "Palestinian gunmen killed civilians"
    assert distinct(police, civilians)  # an organ of the state and its people, as before
    assert not distinct(civilians, ref("CVL", "Palestinian civilians"))  # one sector: no dyad


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
