"""Syntax helpers on Docs built from words, heads and deps (no model): lemmas the lemmatizer gets
wrong, particles the parser labels advmod, complex prepositions, hyphenated modifiers."""
import spacy
from spacy.tokens import Doc

from dyads.components import syntax
from dyads.components.matching import hyphenated as _hyphenated

VOCAB = spacy.blank("en").vocab


def parse(rows, tags=None):
    words = [r[0] for r in rows]
    return Doc(VOCAB, words=words, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
               pos=[r[3] for r in rows], lemmas=[r[4] for r in rows], tags=tags or ["NN"] * len(rows))


def test_lemmas_recover_what_the_inflection_says():
    doc = parse([("Thousands", 1, "nsubj", "NOUN", "thousand"), ("staged", 1, "ROOT", "VERB", "stag"),
                 ("protests", 1, "dobj", "NOUN", "protest")])
    assert syntax.lemmas(doc[1])[:2] == ["stag", "stage"]
    assert syntax.light_verb(doc[2]).i == 1  # "staged protests": the light verb carries the protest


def test_particle_labelled_advmod_and_complex_preposition():
    # "Musharraf stepped down" / "The army walked out of talks with rebels"
    down = parse([("Musharraf", 1, "nsubj", "PROPN", "Musharraf"), ("stepped", 1, "ROOT", "VERB", "step"),
                  ("down", 1, "advmod", "ADV", "down")])
    assert syntax.particle(down[1], "down")
    walk = parse([("army", 1, "nsubj", "NOUN", "army"), ("walked", 1, "ROOT", "VERB", "walk"),
                  ("out", 1, "prep", "ADP", "out"), ("of", 2, "prep", "ADP", "of"), ("talks", 3, "pobj", "NOUN", "talk"),
                  ("with", 4, "prep", "ADP", "with"), ("rebels", 5, "pobj", "NOUN", "rebel")])
    assert not syntax.particle(walk[1], "out")  # "out of": a preposition, not the walkout's particle
    assert [t.text for t in syntax.prep_objects(walk[1], {"of"})] == ["talks"]


def test_hyphenated_modifier():
    doc = parse([("a", 4, "det", "DET", "a"), ("fact", 3, "npadvmod", "NOUN", "fact"), ("-", 3, "punct", "PUNCT", "-"),
                 ("finding", 4, "amod", "VERB", "find"), ("mission", 4, "ROOT", "NOUN", "mission")],
                tags=["DT", "NN", "HYPH", "VBG", "NN"])
    assert _hyphenated(doc[3]) == "fact-finding"


def test_the_patient_of_a_first_verb_is_the_subject_of_an_active_second():
    # "The minister has been indicted and will resign." / "The activist was arrested and charged."
    resign = parse([("minister", 3, "nsubjpass", "NOUN", "minister"), ("has", 3, "aux", "AUX", "have"),
                    ("been", 3, "auxpass", "AUX", "be"), ("indicted", 3, "ROOT", "VERB", "indict"),
                    ("and", 3, "cc", "CCONJ", "and"), ("will", 6, "aux", "AUX", "will"),
                    ("resign", 3, "conj", "VERB", "resign")], tags=["NN", "VBZ", "VBN", "VBN", "CC", "MD", "VB"])
    subj, passive = syntax.subjects(resign[6])
    assert [t.text for t in subj] == ["minister"] and not passive
    charged = parse([("activist", 2, "nsubjpass", "NOUN", "activist"), ("was", 2, "auxpass", "AUX", "be"),
                     ("arrested", 2, "ROOT", "VERB", "arrest"), ("and", 2, "cc", "CCONJ", "and"),
                     ("charged", 2, "conj", "VERB", "charge")], tags=["NN", "VBD", "VBN", "CC", "VBN"])
    subj, passive = syntax.subjects(charged[4])
    assert [t.text for t in subj] == ["activist"] and passive



def test_a_participle_of_attitude_is_a_state_its_subject_holds():
    # "Turkey is opposed to French mediation." / "Turkey was opposed by France."
    held = parse([("Turkey", 2, "nsubjpass", "PROPN", "Turkey"), ("is", 2, "auxpass", "AUX", "be"),
                  ("opposed", 2, "ROOT", "VERB", "oppose"), ("to", 2, "prep", "ADP", "to"),
                  ("French", 5, "amod", "ADJ", "french"), ("mediation", 3, "pobj", "NOUN", "mediation")],
                 tags=["NNP", "VBZ", "VBN", "IN", "JJ", "NN"])
    subj, passive = syntax.subjects(held[2])
    assert [t.text for t in subj] == ["Turkey"] and not passive
    assert [t.text for t in syntax.direct_objects(held[2])] == ["mediation"]  # what the attitude is held toward
    by = parse([("Turkey", 2, "nsubjpass", "PROPN", "Turkey"), ("was", 2, "auxpass", "AUX", "be"),
                ("opposed", 2, "ROOT", "VERB", "oppose"), ("by", 2, "agent", "ADP", "by"),
                ("France", 3, "pobj", "PROPN", "France")], tags=["NNP", "VBD", "VBN", "IN", "NNP"])
    subj, passive = syntax.subjects(by[2])
    assert [t.text for t in subj] == ["Turkey"] and passive  # someone named holds it on Turkey


def test_a_noun_made_the_root_over_a_subject_and_an_object_is_a_headline_verb():
    # "EU and UN hand over medical supplies to Nigeria." (the tagger read "hand" as a noun)
    rows = [("EU", 3, "nsubj", "PROPN", "EU"), ("and", 0, "cc", "CCONJ", "and"), ("UN", 0, "conj", "PROPN", "UN"),
            ("hand", 3, "ROOT", "NOUN", "hand"), ("over", 3, "prt", "ADP", "over"),
            ("supplies", 3, "dobj", "NOUN", "supply")]
    assert syntax.predicated(parse(rows)[3])
    # "The hand of the state": a noun at the root with no subject stays a noun
    plain = parse([("hand", 0, "ROOT", "NOUN", "hand"), ("of", 0, "prep", "ADP", "of"), ("state", 1, "pobj", "NOUN", "state")])
    assert not syntax.predicated(plain[0])

def test_an_act_in_the_infinitive_of_a_noun_of_asking_is_not_done():
    # "The chief refused a request to step down." — asked for, not done
    doc = parse([("chief", 1, "nsubj", "NOUN", "chief"), ("refused", 1, "ROOT", "VERB", "refuse"),
                 ("a", 3, "det", "DET", "a"), ("request", 1, "dobj", "NOUN", "request"), ("to", 5, "aux", "PART", "to"),
                 ("step", 3, "acl", "VERB", "step"), ("down", 5, "prt", "ADP", "down")],
                tags=["NN", "VBD", "DT", "NN", "TO", "VB", "RP"])
    assert syntax.modality(doc[5]) == "hypothetical"


def test_a_refusal_that_is_only_demanded_is_not_done():
    # "Greece demanded that its partners refuse to recognise Macedonia." — no one has refused
    doc = parse([("Greece", 1, "nsubj", "PROPN", "Greece"), ("demanded", 1, "ROOT", "VERB", "demand"),
                 ("that", 4, "mark", "SCONJ", "that"), ("partners", 4, "nsubj", "NOUN", "partner"),
                 ("refuse", 1, "ccomp", "VERB", "refuse"), ("to", 6, "aux", "PART", "to"),
                 ("recognise", 4, "xcomp", "VERB", "recognise"), ("Macedonia", 6, "dobj", "PROPN", "Macedonia")],
                tags=["NNP", "VBD", "IN", "NNS", "VB", "TO", "VB", "NNP"])
    assert syntax.modality(doc[6]) == "hypothetical"
    alone = parse([("Serbia", 1, "nsubj", "PROPN", "Serbia"), ("refused", 1, "ROOT", "VERB", "refuse"),
                   ("to", 3, "aux", "PART", "to"), ("recognise", 1, "xcomp", "VERB", "recognise"),
                   ("Kosovo", 3, "dobj", "PROPN", "Kosovo")], tags=["NNP", "VBD", "TO", "VB", "NNP"])
    assert syntax.modality(alone[3]) == "refused"


def test_verbs_of_aspect_pass_an_intent_down_and_permission_is_not_the_act():
    # "The army prepared to resume shelling rebel positions." — an intended shelling
    doc = parse([("army", 1, "nsubj", "NOUN", "army"), ("prepared", 1, "ROOT", "VERB", "prepare"),
                 ("to", 3, "aux", "PART", "to"), ("resume", 1, "xcomp", "VERB", "resume"),
                 ("shelling", 3, "xcomp", "VERB", "shell"), ("positions", 4, "dobj", "NOUN", "position")],
                tags=["NN", "VBD", "TO", "VB", "VBG", "NNS"])
    assert syntax.modality(doc[4]) == "intent"
    # "Ethiopia allowed the agency to deliver food." — the allowing happened, the delivery is only allowed
    allow = parse([("Ethiopia", 1, "nsubj", "PROPN", "Ethiopia"), ("allowed", 1, "ROOT", "VERB", "allow"),
                   ("agency", 3, "nsubj", "NOUN", "agency"), ("to", 3, "aux", "PART", "to"),
                   ("deliver", 1, "ccomp", "VERB", "deliver"), ("food", 4, "dobj", "NOUN", "food")],
                  tags=["NNP", "VBD", "NN", "TO", "VB", "NN"])
    assert syntax.modality(allow[4]) == "hypothetical"


def test_a_purpose_infinitive_is_the_aim_not_an_act():
    # "Police imposed a curfew to stop demonstrations." — the stopping is aimed at, not reported
    doc = parse([("Police", 1, "nsubj", "NOUN", "police"), ("imposed", 1, "ROOT", "VERB", "impose"),
                 ("a", 3, "det", "DET", "a"), ("curfew", 1, "dobj", "NOUN", "curfew"), ("to", 5, "aux", "PART", "to"),
                 ("stop", 1, "advcl", "VERB", "stop"), ("demonstrations", 5, "dobj", "NOUN", "demonstration")],
                tags=["NNS", "VBD", "DT", "NN", "TO", "VB", "NNS"])
    assert syntax.modality(doc[5]) == "hypothetical"
    assert syntax.modality(doc[1]) == "asserted"


def test_neither_and_no_on_the_subject_negate_the_predicate():
    # "Neither army has moved troops." / "No country has recognised the government."
    doc = parse([("Neither", 1, "det", "DET", "neither"), ("army", 3, "nsubj", "NOUN", "army"),
                 ("has", 3, "aux", "AUX", "have"), ("moved", 3, "ROOT", "VERB", "move"),
                 ("troops", 3, "dobj", "NOUN", "troop")], tags=["DT", "NN", "VBZ", "VBN", "NNS"])
    assert syntax.negated(doc[3])
    moved = parse([("The", 1, "det", "DET", "the"), ("army", 3, "nsubj", "NOUN", "army"),
                   ("has", 3, "aux", "AUX", "have"), ("moved", 3, "ROOT", "VERB", "move"),
                   ("troops", 3, "dobj", "NOUN", "troop")], tags=["DT", "NN", "VBZ", "VBN", "NNS"])
    assert not syntax.negated(moved[3])


def test_a_name_that_runs_on_is_no_lone_surname():
    from dyads.components.mentions import name_goes_on

    # "the Colombian Sergeant Pablo Emilio Moncayo": "Pablo" is not Argentina's Pablo Quirno
    doc = parse([("Sergeant", 3, "compound", "PROPN", "Sergeant"), ("Pablo", 3, "compound", "PROPN", "Pablo"),
                 ("Emilio", 3, "compound", "PROPN", "Emilio"), ("Moncayo", 3, "ROOT", "PROPN", "Moncayo")],
                tags=["NNP"] * 4)
    assert name_goes_on(doc[1], set())
    lone = parse([("Putin", 1, "nsubj", "PROPN", "Putin"), ("said", 1, "ROOT", "VERB", "say")], tags=["NNP", "VBD"])
    assert not name_goes_on(lone[0], set())


def test_a_name_governed_by_a_word_of_division_is_a_place():
    from dyads.components.mentions import _named_division

    # "the province of Alta Verapaz", which the NER took for an organisation
    words = ["the", "province", "of", "Alta", "Verapaz"]
    doc = Doc(VOCAB, words=words, heads=[1, 1, 1, 4, 2], deps=["det", "ROOT", "prep", "compound", "pobj"],
              pos=["DET", "NOUN", "ADP", "PROPN", "PROPN"], lemmas=["the", "province", "of", "Alta", "Verapaz"],
              ents=["O", "O", "O", "B-ORG", "I-ORG"])
    assert _named_division(doc.ents[0])
    other = Doc(VOCAB, words=["the", "head", "of", "Hamas"], heads=[1, 1, 1, 2], deps=["det", "ROOT", "prep", "pobj"],
                pos=["DET", "NOUN", "ADP", "PROPN"], lemmas=["the", "head", "of", "Hamas"], ents=["O", "O", "O", "B-ORG"])
    assert not _named_division(other.ents[0])


def test_an_infinitive_hung_on_a_verb_of_threat_as_a_clause_is_its_complement():
    # "The rebels have sworn to fight the army." — the parser makes "fight" an adverbial clause of "sworn"
    doc = parse([("rebels", 2, "nsubj", "NOUN", "rebel"), ("have", 2, "aux", "AUX", "have"),
                 ("sworn", 2, "ROOT", "VERB", "swear"), ("to", 4, "aux", "PART", "to"),
                 ("fight", 2, "advcl", "VERB", "fight"), ("army", 4, "dobj", "NOUN", "army")],
                tags=["NNS", "VBP", "VBN", "TO", "VB", "NN"])
    assert syntax.dep_of(doc[4]) == "xcomp"
    assert syntax.modality(doc[4]) == "threat"
    # "North Korea tried to hack the computers." — CAMEO codes an attempt as the act
    tried = parse([("Korea", 1, "nsubj", "PROPN", "Korea"), ("tried", 1, "ROOT", "VERB", "try"),
                   ("to", 3, "aux", "PART", "to"), ("hack", 1, "xcomp", "VERB", "hack"),
                   ("computers", 3, "dobj", "NOUN", "computer")], tags=["NNP", "VBD", "TO", "VB", "NNS"])
    assert syntax.modality(tried[3]) == "asserted"


def test_a_that_clause_in_the_subjunctive_is_asked_for():
    # "The union demanded that the minister resign." / "The union said that the minister resigned."
    rows = [("union", 1, "nsubj", "NOUN", "union"), ("demanded", 1, "ROOT", "VERB", "demand"),
            ("that", 4, "mark", "SCONJ", "that"), ("minister", 4, "nsubj", "NOUN", "minister"),
            ("resign", 1, "ccomp", "VERB", "resign")]
    doc = parse(rows, tags=["NN", "VBD", "IN", "NN", "VB"])
    assert syntax.subjunctive(doc[4]) and syntax.modality(doc[4]) == "hypothetical"
    said = parse([r if i != 1 else ("said", 1, "ROOT", "VERB", "say") for i, r in enumerate(rows)],
                 tags=["NN", "VBD", "IN", "NN", "VBD"])
    assert not syntax.subjunctive(said[4]) and syntax.modality(said[4]) == "asserted"


def test_readiness_under_an_obligation_is_a_norm_not_an_intent():
    # "The US must be ready to mediate." / "The US is ready to mediate."
    doc = parse([("US", 2, "nsubj", "PROPN", "US"), ("must", 2, "aux", "AUX", "must"), ("be", 2, "ROOT", "AUX", "be"),
                 ("ready", 2, "acomp", "ADJ", "ready"), ("to", 5, "aux", "PART", "to"),
                 ("mediate", 3, "xcomp", "VERB", "mediate")], tags=["NNP", "MD", "VB", "JJ", "TO", "VB"])
    assert syntax.modality(doc[5]) == "hypothetical"
    plain = parse([("US", 1, "nsubj", "PROPN", "US"), ("is", 1, "ROOT", "AUX", "be"),
                   ("ready", 1, "acomp", "ADJ", "ready"), ("to", 4, "aux", "PART", "to"),
                   ("mediate", 2, "xcomp", "VERB", "mediate")], tags=["NNP", "VBZ", "JJ", "TO", "VB"])
    assert syntax.modality(plain[4]) == "intent"


def test_an_act_named_as_the_topic_of_talks_is_discussed():
    # "The sides held talks today on a withdrawal." — the parser hangs "on" on the verb
    doc = parse([("sides", 1, "nsubj", "NOUN", "side"), ("held", 1, "ROOT", "VERB", "hold"),
                 ("talks", 1, "dobj", "NOUN", "talk"), ("today", 1, "npadvmod", "NOUN", "today"),
                 ("on", 1, "prep", "ADP", "on"), ("a", 6, "det", "DET", "a"),
                 ("withdrawal", 4, "pobj", "NOUN", "withdrawal")])
    assert syntax.discussed(doc[6])
    # "The army announced on Monday a withdrawal." — no talks: the withdrawal is announced
    told = parse([("army", 1, "nsubj", "NOUN", "army"), ("announced", 1, "ROOT", "VERB", "announce"),
                  ("on", 1, "prep", "ADP", "on"), ("Monday", 2, "pobj", "PROPN", "Monday"),
                  ("withdrawal", 1, "dobj", "NOUN", "withdrawal")])
    assert not syntax.discussed(told[3]) and not syntax.discussed(told[4])


def test_what_an_allegation_says_is_alleged_not_done():
    # "Kenya alleged that militants kidnapped workers." — the allegation, not the kidnapping
    doc = parse([("Kenya", 1, "nsubj", "PROPN", "Kenya"), ("alleged", 1, "ROOT", "VERB", "allege"),
                 ("that", 4, "mark", "SCONJ", "that"), ("militants", 4, "nsubj", "NOUN", "militant"),
                 ("kidnapped", 1, "ccomp", "VERB", "kidnap"), ("workers", 4, "dobj", "NOUN", "worker")],
                tags=["NNP", "VBD", "IN", "NNS", "VBD", "NNS"])
    assert syntax.modality(doc[4]) == "alleged"
    # "Pakistan rejected claims that its army shelled villages." — a claim's content clause, with its subject
    doc = parse([("Pakistan", 1, "nsubj", "PROPN", "Pakistan"), ("rejected", 1, "ROOT", "VERB", "reject"),
                 ("claims", 1, "dobj", "NOUN", "claim"), ("that", 6, "mark", "SCONJ", "that"),
                 ("its", 5, "poss", "PRON", "its"), ("army", 6, "nsubj", "NOUN", "army"),
                 ("shelled", 2, "acl", "VERB", "shell"), ("villages", 6, "dobj", "NOUN", "village")],
                tags=["NNP", "VBD", "NNS", "IN", "PRP$", "NN", "VBD", "NNS"])
    assert syntax.modality(doc[6]) == "alleged"
    # "Pakistan said that its army shelled villages." — a statement's clause is reported as done
    doc = parse([("Pakistan", 1, "nsubj", "PROPN", "Pakistan"), ("said", 1, "ROOT", "VERB", "say"),
                 ("that", 5, "mark", "SCONJ", "that"), ("its", 4, "poss", "PRON", "its"),
                 ("army", 5, "nsubj", "NOUN", "army"), ("shelled", 1, "ccomp", "VERB", "shell"),
                 ("villages", 5, "dobj", "NOUN", "village")],
                tags=["NNP", "VBD", "IN", "PRP$", "NN", "VBD", "NNS"])
    assert syntax.modality(doc[5]) == "asserted"


def test_an_event_noun_an_appeal_asks_for_is_not_done():
    france = [("France", 1, "nsubj", "PROPN", "France")]
    # "France pushed for sanctions ." — asked for after "for"
    doc = parse(france + [("pushed", 1, "ROOT", "VERB", "push"), ("for", 1, "prep", "ADP", "for"),
                          ("sanctions", 2, "pobj", "NOUN", "sanction")], tags=["NNP", "VBD", "IN", "NNS"])
    assert syntax.asked_for(doc[3])
    # "France demanded sanctions ." — the object of a verb that asks for its object
    doc = parse(france + [("demanded", 1, "ROOT", "VERB", "demand"), ("sanctions", 1, "dobj", "NOUN", "sanction")],
                tags=["NNP", "VBD", "NNS"])
    assert syntax.asked_for(doc[2])
    # "France imposed sanctions ." — done
    doc = parse(france + [("imposed", 1, "ROOT", "VERB", "impose"), ("sanctions", 1, "dobj", "NOUN", "sanction")],
                tags=["NNP", "VBD", "NNS"])
    assert not syntax.asked_for(doc[2])


def test_a_phrasal_reversal_verb_reverses_its_event_noun():
    # "Unions called off the strike ." — called off: the strike is reversed
    doc = parse([("Unions", 1, "nsubj", "NOUN", "union"), ("called", 1, "ROOT", "VERB", "call"),
                 ("off", 1, "prt", "ADP", "off"), ("the", 4, "det", "DET", "the"),
                 ("strike", 1, "dobj", "NOUN", "strike")])
    assert syntax.reversed_noun(doc[4])
    # "Unions called the strike ." — called: the strike is what they did
    doc = parse([("Unions", 1, "nsubj", "NOUN", "union"), ("called", 1, "ROOT", "VERB", "call"),
                 ("the", 3, "det", "DET", "the"), ("strike", 1, "dobj", "NOUN", "strike")])
    assert not syntax.reversed_noun(doc[3])


def test_a_role_word_stands_for_an_actor_as_a_noun_of_its_own_or_an_organs_possessive():
    from dyads.components.mentions import role_stands
    # "claimed the missile and drone attack on the army's sites"
    doc = parse([("claimed", 0, "ROOT", "VERB", "claim"), ("the", 4, "det", "DET", "the"),
                 ("missile", 4, "compound", "NOUN", "missile"), ("and", 2, "cc", "CCONJ", "and"),
                 ("drone", 2, "conj", "NOUN", "drone"), ("attack", 0, "dobj", "NOUN", "attack"),
                 ("on", 5, "prep", "ADP", "on"), ("the", 8, "det", "DET", "the"),
                 ("army", 10, "poss", "NOUN", "army"), ("'s", 8, "case", "PART", "'s"),
                 ("sites", 6, "pobj", "NOUN", "site")])
    assert not role_stands(doc[4], organ=True)  # a conjunct of a modifier modifies too: equipment, no actor
    assert role_stands(doc[8], organ=True)  # the army whose sites were hit
    assert not role_stands(doc[8], organ=False)  # "citizens' rights": people's possessive is no actor
    # "a police patrol": a unit the role heads stands for it
    doc = parse([("a", 2, "det", "DET", "a"), ("police", 2, "compound", "NOUN", "police"),
                 ("patrol", 2, "ROOT", "NOUN", "patrol")])
    assert role_stands(doc[1], organ=True)
