"""The coder's generic mechanics on Docs built from words, heads and deps: no spaCy model needed.

Each Doc is the parse a wire sentence gets; mentions are given as the actor stage would give them. The
classifier is a real EventClassifier with a hand-set weight table, so the tests say which root it
proposes without training one."""
import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

from dyads.components.classifier import EventClassifier
from dyads.components.events import EventCoder
from dyads.components.generic import EMPTY
from dyads.components.nlp import Segment
from dyads.model.actors import ActorRef, Mention
from dyads.ontology.cameo import load_cameo
from dyads.ontology.patterns import load_patterns

VOCAB = spacy.blank("en").vocab


def parse(rows):
    """rows: (word, head index, dep, pos, lemma)."""
    words = [r[0] for r in rows]
    doc = Doc(VOCAB, words=words, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
              pos=[r[3] for r in rows], lemmas=[r[4] for r in rows],
              tags=["VBD" if r[3] == "VERB" else "NN" for r in rows])
    return doc


def mention(doc, start, end, ref, also=()):
    span = doc[start:end]
    return Mention(segment="body", start=span.start_char, end=span.end_char, text=span.text, sentence=0,
                   head=end - 1, refs=[ref], rule="kb", also=list(also))


def state(key, role=None):
    return ActorRef(key=key, role=role, name=key, kind="state", code=key + (role or ""))


def role_only(role):
    return ActorRef(key="---", role=role, name=role.lower(), kind="role", code="---" + role, in_kb=False)


def classifier(root: str, word: str) -> EventClassifier:
    """A classifier that gives `root` to any sentence with `word` in it, and 'none' otherwise."""
    coef = np.array([[8.0], [0.0]])
    return EventClassifier([f"w:{word}"], np.array([1.0]), coef, np.array([0.0, 1.0]), [root, "none"], "test")


def code(doc, mentions, clf=None):
    seg = Segment("body", doc.text, doc)
    return EventCoder(load_patterns(), load_cameo(), clf).code("d", [seg], mentions)


def test_reciprocal_pattern_gives_both_directions():
    doc = parse([("Indian", 3, "amod", "ADJ", "indian"), ("and", 0, "cc", "CCONJ", "and"),
                 ("Pakistani", 0, "conj", "ADJ", "pakistani"), ("troops", 4, "nsubj", "NOUN", "troop"),
                 ("exchanged", 4, "ROOT", "VERB", "exchange"), ("fire", 4, "dobj", "NOUN", "fire"),
                 (".", 4, "punct", "PUNCT", ".")])
    ind, pak = state("IND", "MIL"), state("PAK", "MIL")
    mentions = [mention(doc, 0, 1, ind), mention(doc, 2, 4, pak, also=[ind])]
    pairs = {(e.source.code, e.target.code, e.code) for e in code(doc, mentions)}
    assert pairs == {("INDMIL", "PAKMIL", "190"), ("PAKMIL", "INDMIL", "190")}


def test_collective_subject_stands_for_its_of_phrase_and_protest_is_one_sided():
    doc = parse([("Thousands", 3, "nsubj", "NOUN", "thousand"), ("of", 0, "prep", "ADP", "of"),
                 ("students", 1, "pobj", "NOUN", "student"), ("protested", 3, "ROOT", "VERB", "protest"),
                 (".", 3, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 2, 3, role_only("EDU"))])
    assert [(e.source.code, e.code) for e in events] == [("---EDU", "140")]
    assert events[0].target is EMPTY


def test_classifier_proposes_root_where_no_pattern_fires():
    # "Rebels outflanked a garrison ." — no pattern names "outflank"; the classifier says 19
    doc = parse([("Rebels", 1, "nsubj", "NOUN", "rebel"), ("outflanked", 1, "ROOT", "VERB", "outflank"),
                 ("a", 3, "det", "DET", "a"), ("garrison", 1, "dobj", "NOUN", "garrison"),
                 (".", 1, "punct", "PUNCT", ".")])
    mentions = [mention(doc, 0, 1, role_only("REB"))]
    assert code(doc, mentions) == []  # the rules alone code nothing here
    events = code(doc, mentions, classifier("19", "outflanked"))
    assert [(e.source.code, e.code, e.pattern) for e in events] == [("---REB", "190", "model-19")]
    assert 0.3 < events[0].confidence < 0.9  # ranked below an exact rule event


def test_a_proposed_reciprocal_act_of_a_coordinated_subject_is_between_them_not_on_the_place():
    # "Soldiers and the RSF skirmished in Khartoum ." — no pattern names "skirmish"; the classifier says 19
    doc = parse([("Soldiers", 3, "nsubj", "NOUN", "soldier"), ("and", 0, "cc", "CCONJ", "and"),
                 ("RSF", 0, "conj", "PROPN", "RSF"), ("skirmished", 3, "ROOT", "VERB", "skirmish"),
                 ("in", 3, "prep", "ADP", "in"), ("Khartoum", 4, "pobj", "PROPN", "Khartoum"),
                 (".", 3, "punct", "PUNCT", ".")])
    rsf = ActorRef(key="RSF", role="REB", name="Rapid Support Forces", kind="org", code="SDNREB")
    mentions = [mention(doc, 0, 1, state("SDN", "MIL")), mention(doc, 2, 3, rsf), place(doc, 5, 6, "SDN")]
    events = code(doc, mentions, classifier("19", "skirmished"))
    assert {(e.source.code, e.target.code, e.code) for e in events} == {("SDNMIL", "SDNREB", "190"),
                                                                       ("SDNREB", "SDNMIL", "190")}


def test_classifier_proposes_nothing_for_no_event():
    doc = parse([("Rebels", 1, "nsubj", "NOUN", "rebel"), ("outflanked", 1, "ROOT", "VERB", "outflank"),
                 ("a", 3, "det", "DET", "a"), ("garrison", 1, "dobj", "NOUN", "garrison"),
                 (".", 1, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 0, 1, role_only("REB"))], classifier("19", "nothing"))
    assert events == []


def test_generic_target_is_the_object_actor_and_speech_verbs_pass_to_the_clause():
    # "Officials said Kenya outmanoeuvred Ugandan diplomats ." — no pattern names "outmanoeuvre"
    doc = parse([("Officials", 1, "nsubj", "NOUN", "official"), ("said", 1, "ROOT", "VERB", "say"),
                 ("Kenya", 3, "nsubj", "PROPN", "Kenya"), ("outmanoeuvred", 1, "ccomp", "VERB", "outmanoeuvre"),
                 ("Ugandan", 5, "amod", "ADJ", "ugandan"), ("diplomats", 3, "dobj", "NOUN", "diplomat"),
                 (".", 1, "punct", "PUNCT", ".")])
    mentions = [mention(doc, 2, 3, state("KEN")), mention(doc, 4, 6, state("UGA", "GOV"))]
    events = code(doc, mentions, classifier("11", "outmanoeuvred"))
    assert [(e.source.code, e.code, e.target.code, e.pattern, e.predicate) for e in events] == \
        [("KEN", "110", "UGAGOV", "model-11", "outmanoeuvred")]


@pytest.mark.parametrize("root,penta", [("01", 0), ("02", 0), ("05", 1), ("08", 2), ("09", 3), ("13", 3), ("14", 4),
                                        ("20", 4)])
def test_pentaclass_of_roots(root, penta):
    from dyads.components.classifier import penta as penta_of

    assert penta_of(root) == penta


def test_things_named_by_a_states_adjective_stand_for_that_state():
    # "Gunmen attacked Iranian sites ." — the sites are no actor; the adjective names whose they are
    doc = parse([("Gunmen", 1, "nsubj", "NOUN", "gunman"), ("attacked", 1, "ROOT", "VERB", "attack"),
                 ("Iranian", 3, "amod", "ADJ", "iranian"), ("sites", 1, "dobj", "NOUN", "site"),
                 (".", 1, "punct", "PUNCT", ".")])
    iran = mention(doc, 2, 3, state("IRN"))
    iran.attribute = True
    events = code(doc, [mention(doc, 0, 1, role_only("UAF")), iran])
    assert [(e.source.code, e.target.code, e.code) for e in events] == [("---UAF", "IRN", "190")]
    assert events[0].target_span == (iran.start, iran.end)


def place(doc, start, end, key, name=None):
    """A place phrase as the actor stage gives it: the place's state as key and code."""
    m = mention(doc, start, end, ActorRef(key=key, role=None, name=name or doc[start:end].text, kind="place",
                                          code=key))
    m.place = True
    return m


def test_a_place_acted_on_is_the_target_as_its_state():
    # "Russian forces shelled Kharkiv ." — the city is the object: UKR, a direct target
    doc = parse([("Russian", 1, "amod", "ADJ", "russian"), ("forces", 2, "nsubj", "NOUN", "force"),
                 ("shelled", 2, "ROOT", "VERB", "shell"), ("Kharkiv", 2, "dobj", "PROPN", "Kharkiv"),
                 (".", 2, "punct", "PUNCT", ".")])
    kharkiv = place(doc, 3, 4, "UKR")
    events = code(doc, [mention(doc, 0, 2, state("RUS", "MIL")), kharkiv])
    assert [(e.source.code, e.target.code, e.target.kind, e.code) for e in events] == [("RUSMIL", "UKR", "place", "194")]
    assert events[0].target_span == (kharkiv.start, kharkiv.end)


def test_an_event_noun_falls_on_the_actor_it_names_before_the_place_it_happens_in():
    # "Activists held a rally in Berlin against Germany ." -> DEUOPP -> DEU, not Berlin's DEU place
    doc = parse([("Activists", 1, "nsubj", "NOUN", "activist"), ("held", 1, "ROOT", "VERB", "hold"),
                 ("a", 3, "det", "DET", "a"), ("rally", 1, "dobj", "NOUN", "rally"),
                 ("in", 3, "prep", "ADP", "in"), ("Berlin", 4, "pobj", "PROPN", "Berlin"),
                 ("against", 3, "prep", "ADP", "against"), ("Germany", 6, "pobj", "PROPN", "Germany"),
                 (".", 1, "punct", "PUNCT", ".")])
    germany = mention(doc, 7, 8, state("DEU"))
    events = code(doc, [mention(doc, 0, 1, state("DEU", "OPP")), place(doc, 5, 6, "DEU"), germany])
    assert [(e.source.code, e.target.code, e.target.kind, e.code) for e in events] == [("DEUOPP", "DEU", "state", "141")]
    assert events[0].target_span == (germany.start, germany.end)


def test_an_organ_acting_on_its_own_land_but_not_the_state_as_a_whole():
    # "Indian police imposed a curfew in Ahmedabad ." -> INDCOP -> IND; "India imposed ..." stays one-sided
    rows = [("Indian", 1, "amod", "ADJ", "indian"), ("police", 2, "nsubj", "NOUN", "police"),
            ("imposed", 2, "ROOT", "VERB", "impose"), ("a", 4, "det", "DET", "a"),
            ("curfew", 2, "dobj", "NOUN", "curfew"), ("in", 4, "prep", "ADP", "in"),
            ("Ahmedabad", 5, "pobj", "PROPN", "Ahmedabad"), (".", 2, "punct", "PUNCT", ".")]
    doc = parse(rows)
    events = code(doc, [mention(doc, 0, 2, state("IND", "COP")), place(doc, 6, 7, "IND")])
    assert [(e.source.code, e.target.code, e.code) for e in events] == [("INDCOP", "IND", "1723")]
    doc = parse([("India", 1, "nsubj", "PROPN", "India")] + [(w, h - 1, d, p, lm) for w, h, d, p, lm in rows[2:]])
    events = code(doc, [mention(doc, 0, 1, state("IND")), place(doc, 5, 6, "IND")])
    assert [(e.source.code, e.target.code, e.code) for e in events] == [("IND", "", "1723")]
    assert events[0].target is EMPTY


def test_an_infinitive_under_an_appeal_verb_is_asked_for_not_done():
    # "China called on Washington to lift sanctions against Iran ." — the parser hangs "lift" as advcl
    doc = parse([("China", 1, "nsubj", "PROPN", "China"), ("called", 1, "ROOT", "VERB", "call"),
                 ("on", 1, "prep", "ADP", "on"), ("Washington", 2, "pobj", "PROPN", "Washington"),
                 ("to", 5, "aux", "PART", "to"), ("lift", 1, "advcl", "VERB", "lift"),
                 ("sanctions", 5, "dobj", "NOUN", "sanction"), ("against", 6, "prep", "ADP", "against"),
                 ("Iran", 7, "pobj", "PROPN", "Iran"), (".", 1, "punct", "PUNCT", ".")])
    mentions = [mention(doc, 0, 1, state("CHN")), mention(doc, 3, 4, state("USA", "GOV")),
                mention(doc, 8, 9, state("IRN"))]
    assert {(e.source.code, e.target.code, e.code) for e in code(doc, mentions)} == {("CHN", "USAGOV", "020")}


def test_the_nearest_other_actor_is_not_taken_from_a_coordinated_predicate():
    # "Kiir declared a ceasefire and freed prisoners ." — the prisoners are the second predicate's
    from dyads.components import generic

    doc = parse([("Kiir", 1, "nsubj", "PROPN", "Kiir"), ("declared", 1, "ROOT", "VERB", "declare"),
                 ("a", 3, "det", "DET", "a"), ("ceasefire", 1, "dobj", "NOUN", "ceasefire"),
                 ("and", 1, "cc", "CCONJ", "and"), ("freed", 1, "conj", "VERB", "free"),
                 ("prisoners", 5, "dobj", "NOUN", "prisoner"), (".", 1, "punct", "PUNCT", ".")])
    mentions = [mention(doc, 0, 1, state("SSD", "GOV")), mention(doc, 6, 7, state("SSD", "CVL"))]
    seg = Segment("body", doc.text, doc)
    coder = EventCoder(load_patterns(), load_cameo())
    from dyads.components.arguments import mention_index as _mention_index

    index = _mention_index(seg, mentions)
    assert generic.nearest_other(coder, doc[1], index, [], [mentions[0].refs[0]]) == []
    assert generic.nearest_other(coder, doc[5], index, [], [mentions[0].refs[0]])[0].refs == mentions[1].refs


def test_coordinated_subject_agreeing_to_act_aimed_at_no_one_binds_each_to_the_other():
    # "Ghana and Togo agreed to upgrade railways ." — a stated intent (030) with no other actor
    doc = parse([("Ghana", 3, "nsubj", "PROPN", "Ghana"), ("and", 0, "cc", "CCONJ", "and"),
                 ("Togo", 0, "conj", "PROPN", "Togo"), ("agreed", 3, "ROOT", "VERB", "agree"),
                 ("to", 5, "aux", "PART", "to"), ("upgrade", 3, "xcomp", "VERB", "upgrade"),
                 ("railways", 5, "dobj", "NOUN", "railway"), (".", 3, "punct", "PUNCT", ".")])
    gha, tgo = state("GHA"), state("TGO")
    mentions = [mention(doc, 0, 1, gha), mention(doc, 2, 3, tgo)]
    pairs = {(e.source.code, e.target.code, e.code) for e in code(doc, mentions)}
    assert pairs == {("GHA", "TGO", "030"), ("TGO", "GHA", "030")}


def test_a_single_subject_agreeing_to_act_stays_one_sided():
    doc = parse([("Ghana", 1, "nsubj", "PROPN", "Ghana"), ("agreed", 1, "ROOT", "VERB", "agree"),
                 ("to", 3, "aux", "PART", "to"), ("upgrade", 1, "xcomp", "VERB", "upgrade"),
                 ("railways", 3, "dobj", "NOUN", "railway"), (".", 1, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 0, 1, state("GHA"))])
    assert [(e.source.code, e.code) for e in events] == [("GHA", "030")] and events[0].target is EMPTY


def test_a_reduced_passive_makes_the_noun_it_modifies_the_patient():
    # "Kenya freed an activist detained by Ugandan police ." — the activist was detained, not detaining
    doc = parse([("Kenya", 1, "nsubj", "PROPN", "Kenya"), ("freed", 1, "ROOT", "VERB", "free"),
                 ("an", 3, "det", "DET", "an"), ("activist", 1, "dobj", "NOUN", "activist"),
                 ("detained", 3, "acl", "VERB", "detain"), ("by", 4, "agent", "ADP", "by"),
                 ("Ugandan", 7, "amod", "ADJ", "ugandan"), ("police", 5, "pobj", "NOUN", "police"),
                 (".", 1, "punct", "PUNCT", ".")])
    doc[4].tag_ = "VBN"
    activist, police = role_only("OPP"), state("UGA", "COP")
    mentions = [mention(doc, 0, 1, state("KEN")), mention(doc, 3, 4, activist), mention(doc, 6, 8, police)]
    detained = [(e.source.code, e.target.code) for e in code(doc, mentions) if e.predicate == "detained"]
    assert detained == [("UGACOP", "---OPP")]


def test_two_stateless_roles_stand_as_a_dyad():
    # "Gunmen abducted villagers ." — neither side has a state: CAMEO's ---UAF against ---CVL
    doc = parse([("Gunmen", 1, "nsubj", "NOUN", "gunman"), ("abducted", 1, "ROOT", "VERB", "abduct"),
                 ("villagers", 1, "dobj", "NOUN", "villager"), (".", 1, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 0, 1, role_only("UAF")), mention(doc, 2, 3, role_only("CVL"))])
    assert [(e.source.code, e.target.code, e.root) for e in events] == [("---UAF", "---CVL", "18")]


def test_the_same_stateless_role_on_both_sides_is_no_dyad():
    from dyads.components.event_rules import distinct

    assert not distinct(role_only("CVL"), role_only("CVL")) and distinct(role_only("REB"), role_only("CVL"))


def test_agreeing_to_a_one_sided_act_is_its_intent():
    # "Nepal 's premier agreed to resign ." — a resignation is one-sided (0831), and agreeing to it is the
    # intent to change leadership, 0341
    doc = parse([("Nepal", 2, "poss", "PROPN", "Nepal"), ("'s", 0, "case", "PART", "'s"),
                 ("premier", 3, "nsubj", "NOUN", "premier"), ("agreed", 3, "ROOT", "VERB", "agree"),
                 ("to", 5, "aux", "PART", "to"), ("resign", 3, "xcomp", "VERB", "resign"),
                 (".", 3, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 0, 3, state("NPL", "GOV"))])
    assert [(e.source.code, e.code) for e in events] == [("NPLGOV", "0341")] and events[0].target is EMPTY


def test_a_stated_intent_on_things_of_a_state_aims_at_that_state():
    # "Mexico agreed to lift tariffs on American products ." — the state the products are of
    doc = parse([("Mexico", 1, "nsubj", "PROPN", "Mexico"), ("agreed", 1, "ROOT", "VERB", "agree"),
                 ("to", 3, "aux", "PART", "to"), ("lift", 1, "xcomp", "VERB", "lift"),
                 ("tariffs", 3, "dobj", "NOUN", "tariff"), ("on", 4, "prep", "ADP", "on"),
                 ("American", 7, "amod", "ADJ", "american"), ("products", 5, "pobj", "NOUN", "product"),
                 (".", 1, "punct", "PUNCT", ".")])
    american = mention(doc, 6, 7, state("USA"))
    american.attribute = True
    events = code(doc, [mention(doc, 0, 1, state("MEX")), american])
    # the products' state is the target of lifting tariffs on them: the intent to ease sanctions
    assert [(e.source.code, e.target.code, e.code) for e in events] == [("MEX", "USA", "0354")]


def _agreed_to_share(verb: str, lemma: str, noun: str, noun_lemma: str):
    # "Ghana and Togo agreed to <verb> <noun> on Mali ." — Mali hangs on the object: a topic, reached indirectly
    return parse([("Ghana", 3, "nsubj", "PROPN", "Ghana"), ("and", 0, "cc", "CCONJ", "and"),
                  ("Togo", 0, "conj", "PROPN", "Togo"), ("agreed", 3, "ROOT", "VERB", "agree"),
                  ("to", 5, "aux", "PART", "to"), (verb, 3, "xcomp", "VERB", lemma),
                  (noun, 5, "dobj", "NOUN", noun_lemma), ("on", 6, "prep", "ADP", "on"),
                  ("Mali", 7, "pobj", "PROPN", "Mali"), (".", 3, "punct", "PUNCT", ".")])


def test_a_cooperative_act_a_coordinated_subject_agrees_on_is_between_its_members():
    doc = _agreed_to_share("share", "share", "information", "information")
    mentions = [mention(doc, 0, 1, state("GHA")), mention(doc, 2, 3, state("TGO")), mention(doc, 8, 9, state("MLI"))]
    pairs = {(e.source.code, e.target.code) for e in code(doc, mentions)}
    assert pairs == {("GHA", "TGO"), ("TGO", "GHA")}


def test_a_single_subject_sharing_information_on_a_state_keeps_that_state():
    doc = parse([("Ghana", 1, "nsubj", "PROPN", "Ghana"), ("agreed", 1, "ROOT", "VERB", "agree"),
                 ("to", 3, "aux", "PART", "to"), ("share", 1, "xcomp", "VERB", "share"),
                 ("information", 3, "dobj", "NOUN", "information"), ("on", 4, "prep", "ADP", "on"),
                 ("Mali", 5, "pobj", "PROPN", "Mali"), (".", 1, "punct", "PUNCT", ".")])
    mentions = [mention(doc, 0, 1, state("GHA")), mention(doc, 6, 7, state("MLI"))]
    assert {(e.source.code, e.target.code) for e in code(doc, mentions)} == {("GHA", "MLI")}


def test_an_object_naming_an_organisation_outside_the_kb_receives_the_act_not_the_co_subject():
    # "Ghana and Togo welcomed the OPCW visit ." — root 05 from the classifier; OPCW is known by its initials only
    doc = parse([("Ghana", 3, "nsubj", "PROPN", "Ghana"), ("and", 0, "cc", "CCONJ", "and"),
                 ("Togo", 0, "conj", "PROPN", "Togo"), ("welcomed", 3, "ROOT", "VERB", "welcome"),
                 ("the", 6, "det", "DET", "the"), ("OPCW", 6, "compound", "PROPN", "OPCW"),
                 ("visit", 3, "dobj", "NOUN", "visit"), (".", 3, "punct", "PUNCT", ".")])
    opcw = mention(doc, 5, 6, ActorRef(key=None, role=None, name="OPCW", kind="unknown", code="", in_kb=False))
    opcw.rule = "ner"
    mentions = [mention(doc, 0, 1, state("GHA")), mention(doc, 2, 3, state("TGO")), opcw]
    events = code(doc, mentions, classifier("05", "welcomed"))
    assert {(e.source.code, e.target.name) for e in events} == {("GHA", "OPCW"), ("TGO", "OPCW")}
    opcw.refs = [ActorRef(key=None, role=None, name="opcw", kind="unknown", code="", in_kb=False)]
    assert code(doc, mentions, classifier("05", "welcomed")) == []  # no name, no receiver: and no pair either


def test_an_event_noun_that_names_its_sides_with_between_is_theirs_not_the_clause_subjects():
    # "Police imposed a curfew after clashes between Armenia and Azerbaijan ." / "... between the gangs ."
    def clause(between):
        rows = [("Police", 1, "nsubj", "NOUN", "police"), ("imposed", 1, "ROOT", "VERB", "impose"),
                ("a", 3, "det", "DET", "a"), ("curfew", 1, "dobj", "NOUN", "curfew"), ("after", 1, "prep", "ADP", "after"),
                ("clashes", 4, "pobj", "NOUN", "clash"), ("between", 5, "prep", "ADP", "between")]
        return parse(rows + between + [(".", 1, "punct", "PUNCT", ".")])

    doc = clause([("Armenia", 6, "pobj", "PROPN", "Armenia"), ("and", 7, "cc", "CCONJ", "and"),
                  ("Azerbaijan", 7, "conj", "PROPN", "Azerbaijan")])
    police = mention(doc, 0, 1, role_only("COP"))
    events = code(doc, [police, mention(doc, 7, 8, state("ARM")), mention(doc, 9, 10, state("AZE"))])
    clashes = {(e.source.code, e.target.code) for e in events if e.root == "19"}
    assert clashes == {("ARM", "AZE"), ("AZE", "ARM")}
    doc = clause([("the", 8, "det", "DET", "the"), ("gangs", 6, "pobj", "NOUN", "gang")])
    events = code(doc, [mention(doc, 0, 1, role_only("COP")), mention(doc, 8, 9, role_only("CRM"))])
    assert not [e for e in events if e.root == "19"]  # one side named: no clash of the police with the gangs


def test_the_means_of_a_violent_act_is_not_its_target():
    # "Houthi rebels attacked the city in Saudi Arabia with drones ." — the drones are the means (the actor stage
    # reads equipment as the military that operates it); the place the attacked object lies in is the target
    doc = parse([("Houthi", 1, "compound", "PROPN", "Houthi"), ("rebels", 2, "nsubj", "NOUN", "rebel"),
                 ("attacked", 2, "ROOT", "VERB", "attack"), ("the", 4, "det", "DET", "the"),
                 ("city", 2, "dobj", "NOUN", "city"), ("in", 4, "prep", "ADP", "in"),
                 ("Saudi", 7, "compound", "PROPN", "Saudi"), ("Arabia", 5, "pobj", "PROPN", "Arabia"),
                 ("with", 2, "prep", "ADP", "with"), ("drones", 8, "pobj", "NOUN", "drone"),
                 (".", 2, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 0, 2, state("YEM", "REB")), place(doc, 6, 8, "SAU"),
                        mention(doc, 9, 10, state("YEM", "MIL"))])
    assert [(e.source.code, e.target.code, e.code) for e in events] == [("YEMREB", "SAU", "190")]
    # "Syrian rebels fought with government troops ." — with a fight, "with" names the other side
    doc = parse([("Syrian", 1, "amod", "ADJ", "syrian"), ("rebels", 2, "nsubj", "NOUN", "rebel"),
                 ("fought", 2, "ROOT", "VERB", "fight"), ("with", 2, "prep", "ADP", "with"),
                 ("government", 5, "compound", "NOUN", "government"), ("troops", 3, "pobj", "NOUN", "troop"),
                 (".", 2, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 0, 2, state("SYR", "REB")), mention(doc, 4, 6, state("SYR", "MIL"))])
    assert [(e.source.code, e.target.code, e.code) for e in events] == [("SYRREB", "SYRMIL", "190")]


def test_an_intent_with_no_one_to_receive_it_falls_on_the_place_it_names():
    # "Iraqi fighters agreed to lay down weapons in Iraq ." — the act falls on Iraq (as a place); with no place
    # named it stays one-sided (test_a_single_subject_agreeing_to_act_stays_one_sided)
    doc = parse([("Iraqi", 1, "amod", "ADJ", "iraqi"), ("fighters", 2, "nsubj", "NOUN", "fighter"),
                 ("agreed", 2, "ROOT", "VERB", "agree"), ("to", 4, "aux", "PART", "to"),
                 ("lay", 2, "xcomp", "VERB", "lay"), ("down", 4, "prt", "ADP", "down"),
                 ("weapons", 4, "dobj", "NOUN", "weapon"), ("in", 4, "prep", "ADP", "in"),
                 ("Iraq", 7, "pobj", "PROPN", "Iraq"), (".", 2, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 0, 2, state("IRQ", "REB")), place(doc, 8, 9, "IRQ")])
    assert [(e.source.code, e.target.code, e.target.kind) for e in events] == [("IRQREB", "IRQ", "place")]


def test_an_act_of_force_prepared_for_an_attack_takes_the_attacks_target():
    # "Israel mobilized troops for an assault against Hamas ." — the assault is aimed at Hamas, so is the
    # mobilisation (a call "for sanctions against Turkey" is no preparation: lexicon purpose_roots)
    doc = parse([("Israel", 1, "nsubj", "PROPN", "Israel"), ("mobilized", 1, "ROOT", "VERB", "mobilize"),
                 ("troops", 1, "dobj", "NOUN", "troop"), ("for", 1, "prep", "ADP", "for"),
                 ("an", 5, "det", "DET", "an"), ("assault", 3, "pobj", "NOUN", "assault"),
                 ("against", 5, "prep", "ADP", "against"), ("Hamas", 6, "pobj", "PROPN", "Hamas"),
                 (".", 1, "punct", "PUNCT", ".")])
    hamas = ActorRef(key="PSE", role="REB", name="Hamas", kind="org", code="PSEREBHMS")
    events = code(doc, [mention(doc, 0, 1, state("ISR")), mention(doc, 7, 8, hamas)])
    assert [(e.source.code, e.target.code, e.code) for e in events] == [("ISR", "PSEREBHMS", "154")]


def test_an_act_named_by_its_agents_adjective_is_that_agents():
    # "Iran condemned the Israeli strike on Damascus ." — the strike is Israel's: the condemnation's target,
    # before the place it fell on ("Iranian sites", a thing and not an act, stays the state it belongs to)
    doc = parse([("Iran", 1, "nsubj", "PROPN", "Iran"), ("condemned", 1, "ROOT", "VERB", "condemn"),
                 ("the", 4, "det", "DET", "the"), ("Israeli", 4, "amod", "ADJ", "israeli"),
                 ("strike", 1, "dobj", "NOUN", "strike"), ("on", 4, "prep", "ADP", "on"),
                 ("Damascus", 5, "pobj", "PROPN", "Damascus"), (".", 1, "punct", "PUNCT", ".")])
    israeli = mention(doc, 3, 4, state("ISR"))
    israeli.attribute = True
    events = code(doc, [mention(doc, 0, 1, state("IRN")), israeli, mention(doc, 6, 7, state("SYR", "GOV"))])
    assert [(e.source.code, e.target.code, e.code) for e in events] == [("IRN", "ISR", "111")]


def test_a_proposed_violent_act_takes_no_target_from_its_means():
    # "Rebels outflanked the cities in Syria with drones ." — "with" after an act of force names its means
    doc = parse([("Rebels", 1, "nsubj", "NOUN", "rebel"), ("outflanked", 1, "ROOT", "VERB", "outflank"),
                 ("the", 3, "det", "DET", "the"), ("cities", 1, "dobj", "NOUN", "city"),
                 ("in", 3, "prep", "ADP", "in"), ("Syria", 4, "pobj", "PROPN", "Syria"),
                 ("with", 1, "prep", "ADP", "with"), ("drones", 6, "pobj", "NOUN", "drone"),
                 (".", 1, "punct", "PUNCT", ".")])
    mentions = [mention(doc, 0, 1, role_only("REB")), place(doc, 5, 6, "SYR"), mention(doc, 7, 8, state("TUR", "MIL"))]
    events = code(doc, mentions, classifier("19", "outflanked"))
    assert [(e.source.code, e.target.code, e.code) for e in events] == [("---REB", "SYR", "190")]


def _reported_outflanking(verb: str, lemma: str):
    # "Rebels <verb> they outflanked Turkish troops ." — a reported clause with a pronoun subject
    doc = parse([("Rebels", 1, "nsubj", "NOUN", "rebel"), (verb, 1, "ROOT", "VERB", lemma),
                 ("they", 3, "nsubj", "PRON", "they"), ("outflanked", 1, "ccomp", "VERB", "outflank"),
                 ("Turkish", 5, "amod", "ADJ", "turkish"), ("troops", 3, "dobj", "NOUN", "troop"),
                 (".", 1, "punct", "PUNCT", ".")])
    mentions = [mention(doc, 0, 1, role_only("REB")), mention(doc, 4, 6, state("TUR", "MIL"))]
    return code(doc, mentions, classifier("19", "outflanked"))


def test_the_pronoun_subject_of_a_reported_clause_is_its_speaker():
    events = _reported_outflanking("said", "say")  # the model's act, the speaker's
    assert [(e.source.code, e.target.code, e.predicate) for e in events] == [("---REB", "TURMIL", "outflanked")]


def test_an_alleged_clause_is_not_carried_by_its_speech_verb():
    assert _reported_outflanking("claimed", "claim") == []  # what a claim says is not coded as done


def test_things_of_a_state_inside_a_collective_phrase_aim_at_that_state():
    # "Hackers launched attacks on a number of Armenian websites ." — the websites' state
    doc = parse([("Hackers", 1, "nsubj", "NOUN", "hacker"), ("launched", 1, "ROOT", "VERB", "launch"),
                 ("attacks", 1, "dobj", "NOUN", "attack"), ("on", 2, "prep", "ADP", "on"),
                 ("a", 5, "det", "DET", "a"), ("number", 3, "pobj", "NOUN", "number"),
                 ("of", 5, "prep", "ADP", "of"), ("Armenian", 8, "amod", "ADJ", "armenian"),
                 ("websites", 6, "pobj", "NOUN", "website"), (".", 1, "punct", "PUNCT", ".")])
    armenian = mention(doc, 7, 8, state("ARM"))
    armenian.attribute = True
    events = code(doc, [mention(doc, 0, 1, role_only("CRM")), armenian], classifier("19", "launched"))
    assert [(e.source.code, e.target.code, e.code) for e in events] == [("---CRM", "ARM", "190")]


def test_a_refusal_despite_an_appeal_falls_on_who_appealed():
    # "The minister declined to resign despite Kenya 's request ." — the one whose request is defied
    doc = parse([("The", 1, "det", "DET", "the"), ("minister", 2, "nsubj", "NOUN", "minister"),
                 ("declined", 2, "ROOT", "VERB", "decline"), ("to", 4, "aux", "PART", "to"),
                 ("resign", 2, "xcomp", "VERB", "resign"), ("despite", 4, "prep", "ADP", "despite"),
                 ("Kenya", 8, "poss", "PROPN", "Kenya"), ("'s", 6, "case", "PART", "'s"),
                 ("request", 5, "pobj", "NOUN", "request"), (".", 2, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 1, 2, state("UGA", "GOV")), mention(doc, 6, 7, state("KEN"))])
    assert [(e.source.code, e.target.code, e.code, e.mode) for e in events] == [("UGAGOV", "KEN", "1231", "negated")]


def test_an_event_noun_under_a_refusal_verb_is_refused_by_its_subject_alone():
    # "Iran reneged on the accord with Iraq ." — no agreement reached, and the refusal is Iran's
    doc = parse([("Iran", 1, "nsubj", "PROPN", "Iran"), ("reneged", 1, "ROOT", "VERB", "renege"),
                 ("on", 1, "prep", "ADP", "on"), ("the", 4, "det", "DET", "the"),
                 ("accord", 2, "pobj", "NOUN", "accord"), ("with", 4, "prep", "ADP", "with"),
                 ("Iraq", 5, "pobj", "PROPN", "Iraq"), (".", 1, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 0, 1, state("IRN")), mention(doc, 6, 7, state("IRQ"))])
    assert [(e.source.code, e.target.code, e.root, e.mode) for e in events] == [("IRN", "IRQ", "12", "negated")]


def test_talks_between_coordinated_state_adjectives_are_between_those_states():
    # "Fidan opens the talks between the Russian and Ukrainian delegations ." — the host is no side
    doc = parse([("Fidan", 1, "nsubj", "PROPN", "Fidan"), ("opens", 1, "ROOT", "VERB", "open"),
                 ("the", 3, "det", "DET", "the"), ("talks", 1, "dobj", "NOUN", "talk"),
                 ("between", 3, "prep", "ADP", "between"), ("the", 9, "det", "DET", "the"),
                 ("Russian", 9, "amod", "ADJ", "russian"), ("and", 6, "cc", "CCONJ", "and"),
                 ("Ukrainian", 6, "conj", "ADJ", "ukrainian"), ("delegations", 4, "pobj", "NOUN", "delegation"),
                 (".", 1, "punct", "PUNCT", ".")])
    russian, ukrainian = mention(doc, 6, 7, state("RUS")), mention(doc, 8, 9, state("UKR"))
    russian.attribute = True
    fidan = mention(doc, 0, 1, ActorRef(key="TUR", role="GOV", name="Hakan Fidan", kind="person", code="TURGOV",
                                        person="Hakan Fidan"))
    events = code(doc, [fidan, russian, ukrainian])
    assert {(e.source.code, e.target.code, e.code) for e in events} == {("RUS", "UKR", "046"), ("UKR", "RUS", "046")}


def test_a_sum_in_a_currency_is_money_and_provide_x_with_y_gives_to_x():
    # "Germany gave 352 million euros to Ethiopia ."
    doc = parse([("Germany", 1, "nsubj", "PROPN", "Germany"), ("gave", 1, "ROOT", "VERB", "give"),
                 ("352", 3, "compound", "NUM", "352"), ("million", 4, "nummod", "NUM", "million"),
                 ("euros", 1, "dobj", "NOUN", "euro"), ("to", 1, "dative", "ADP", "to"),
                 ("Ethiopia", 5, "pobj", "PROPN", "Ethiopia"), (".", 1, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 0, 1, state("DEU")), mention(doc, 6, 7, state("ETH"))])
    assert [(e.source.code, e.target.code, e.code) for e in events] == [("DEU", "ETH", "071")]
    # "The US provided the Lebanese army with weapons ."
    doc = parse([("The", 1, "det", "DET", "the"), ("US", 2, "nsubj", "PROPN", "US"),
                 ("provided", 2, "ROOT", "VERB", "provide"), ("the", 5, "det", "DET", "the"),
                 ("Lebanese", 5, "amod", "ADJ", "lebanese"), ("army", 2, "dobj", "NOUN", "army"),
                 ("with", 2, "prep", "ADP", "with"), ("weapons", 6, "pobj", "NOUN", "weapon"),
                 (".", 2, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 1, 2, state("USA")), mention(doc, 4, 6, state("LBN", "MIL"))])
    assert [(e.source.code, e.target.code, e.code) for e in events] == [("USA", "LBNMIL", "072")]


def test_declining_to_comment_is_one_sided_and_a_copulas_adjective_is_predicated():
    # "Eritrea declined to comment ."
    doc = parse([("Eritrea", 1, "nsubj", "PROPN", "Eritrea"), ("declined", 1, "ROOT", "VERB", "decline"),
                 ("to", 3, "aux", "PART", "to"), ("comment", 1, "xcomp", "VERB", "comment"),
                 (".", 1, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 0, 1, state("ERI"))])
    assert [(e.source.code, e.code, e.mode) for e in events] == [("ERI", "011", "negated")]
    assert events[0].target is EMPTY
    # "Russia said it is skeptical about the US proposal ." : the pronoun is the speaker
    doc = parse([("Russia", 1, "nsubj", "PROPN", "Russia"), ("said", 1, "ROOT", "VERB", "say"),
                 ("it", 3, "nsubj", "PRON", "it"), ("is", 1, "ccomp", "AUX", "be"),
                 ("skeptical", 3, "acomp", "ADJ", "skeptical"), ("about", 4, "prep", "ADP", "about"),
                 ("the", 8, "det", "DET", "the"), ("US", 8, "compound", "PROPN", "US"),
                 ("proposal", 5, "pobj", "NOUN", "proposal"), (".", 1, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 0, 1, state("RUS")), mention(doc, 7, 8, state("USA"))])
    assert [(e.source.code, e.target.code, e.code) for e in events] == [("RUS", "USA", "012")]
    # "Russia is not optimistic about the talks ." : not optimistic is pessimistic
    doc = parse([("Russia", 1, "nsubj", "PROPN", "Russia"), ("is", 1, "ROOT", "AUX", "be"),
                 ("not", 1, "neg", "PART", "not"), ("optimistic", 1, "acomp", "ADJ", "optimistic"),
                 ("about", 3, "prep", "ADP", "about"), ("the", 6, "det", "DET", "the"),
                 ("talks", 4, "pobj", "NOUN", "talk"), (".", 1, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 0, 1, state("RUS"))])
    assert [(e.source.code, e.code) for e in events] == [("RUS", "012")]


def test_easing_a_one_sided_act_is_one_sided_and_falls_on_the_place_and_is_not_mirrored():
    # "The ELN declared a ceasefire in Colombia ." : 0871 is symmetric, but a truce declared alone has no twin
    doc = parse([("The", 1, "det", "DET", "the"), ("ELN", 2, "nsubj", "PROPN", "ELN"),
                 ("declared", 2, "ROOT", "VERB", "declare"), ("a", 4, "det", "DET", "a"),
                 ("ceasefire", 2, "dobj", "NOUN", "ceasefire"), ("in", 2, "prep", "ADP", "in"),
                 ("Colombia", 5, "pobj", "PROPN", "Colombia"), (".", 2, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 1, 2, state("COL", "REB")), place(doc, 6, 7, "COL")])
    assert [(e.source.code, e.target.code, e.code) for e in events] == [("COLREB", "COL", "0871")]
    # "Egypt lifted the state of emergency ." : no one receives it
    doc = parse([("Egypt", 1, "nsubj", "PROPN", "Egypt"), ("lifted", 1, "ROOT", "VERB", "lift"),
                 ("the", 3, "det", "DET", "the"), ("state", 1, "dobj", "NOUN", "state"),
                 ("of", 3, "prep", "ADP", "of"), ("emergency", 4, "pobj", "NOUN", "emergency"),
                 (".", 1, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 0, 1, state("EGY"))])
    assert [(e.source.code, e.code, e.plover) for e in events] == [("EGY", "0814", "CONCEDE")]
    assert events[0].target is EMPTY


def test_an_event_noun_compounded_onto_an_effort_takes_the_efforts_phrase():
    # "Kuwait launched a mediation effort between Qatar and Oman ."
    doc = parse([("Kuwait", 1, "nsubj", "PROPN", "Kuwait"), ("launched", 1, "ROOT", "VERB", "launch"),
                 ("a", 4, "det", "DET", "a"), ("mediation", 4, "compound", "NOUN", "mediation"),
                 ("effort", 1, "dobj", "NOUN", "effort"), ("between", 4, "prep", "ADP", "between"),
                 ("Qatar", 5, "pobj", "PROPN", "Qatar"), ("and", 6, "cc", "CCONJ", "and"),
                 ("Oman", 6, "conj", "PROPN", "Oman"), (".", 1, "punct", "PUNCT", ".")])
    events = code(doc, [mention(doc, 0, 1, state("KWT")), mention(doc, 6, 7, state("QAT")),
                        mention(doc, 8, 9, state("OMN"))])
    assert sorted((e.source.code, e.target.code, e.code, e.predicate) for e in events) == [
        ("KWT", "OMN", "045", "mediation"), ("KWT", "QAT", "045", "mediation")]


def test_an_event_noun_that_is_the_subject_of_a_verb_of_occurrence_is_reported_as_happening():
    # "Clashes erupted between Indian and Pakistani troops ."
    doc = parse([("Clashes", 1, "nsubj", "NOUN", "clash"), ("erupted", 1, "ROOT", "VERB", "erupt"),
                 ("between", 1, "prep", "ADP", "between"), ("Indian", 6, "amod", "ADJ", "indian"),
                 ("and", 3, "cc", "CCONJ", "and"), ("Pakistani", 3, "conj", "ADJ", "pakistani"),
                 ("troops", 2, "pobj", "NOUN", "troop"), (".", 1, "punct", "PUNCT", ".")])
    ind, pak = state("IND", "MIL"), state("PAK", "MIL")
    events = code(doc, [mention(doc, 3, 4, ind), mention(doc, 5, 7, pak, also=[ind])])
    assert {(e.source.code, e.target.code, e.code) for e in events} == {("INDMIL", "PAKMIL", "190"),
                                                                       ("PAKMIL", "INDMIL", "190")}
