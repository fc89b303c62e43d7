"""Dependency-parse helpers for the coder: who is the subject, which actors an argument holds,
whether a predicate is negated, hypothetical or only intended."""
from __future__ import annotations

from dyads.ontology.lexicon import load_lexicon

_LEX = load_lexicon()  # the word lists: ontology/data/lexicon.yaml

SUBJ = ("nsubj", "csubj")
CLIMB = ("xcomp", "conj", "advcl", "pcomp", "acomp")
MODALS = _LEX.words("modals")
OBLIGATION = _LEX.words("obligation")
INTENT_VERBS = _LEX.words("intent_verbs")
ASPECT_VERBS = _LEX.words("aspect_verbs")
APPEAL_VERBS = _LEX.words("appeal_verbs") | _LEX.words("permission_verbs")  # asked for or allowed: not done
CONDITIONAL_MARKS = _LEX.words("conditional_marks")
LIGHT_VERBS = _LEX.words("light_verbs")
READY_WORDS = _LEX.words("ready_words")
NOMINAL_INTENT = _LEX.words("nominal_intent")
DOC_NOUNS = _LEX.words("doc_nouns")
STATIVE_PARTICIPLES = _LEX.words("stative_participles")


def subjects(tok, depth: int = 0):
    """Subject tokens of a verb, climbing through xcomp/conj/advcl and relative clauses; also
    returns whether the verb is passive (then the subject is the patient)."""
    kids = list(tok.children)
    subj = [c for c in kids if c.dep_ in SUBJ]
    if subj:
        return subj, False
    passive = [c for c in kids if c.dep_ in ("nsubjpass", "csubjpass")]
    if passive:
        # "Turkey is opposed to ...": an attitude its subject holds, unless someone is named holding it on them
        return passive, not (tok.lower_ in STATIVE_PARTICIPLES and not agents(tok))
    if depth >= 4:
        return [], False
    if tok.dep_ == "relcl":
        return [tok.head], False
    if tok.dep_ == "advcl" and tok.tag_ in ("VBD", "VBZ", "VBP"):
        return [], False  # a finite clause ("as Israel's military battled") has its own subject, found or not
    if tok.dep_ in CLIMB and tok.head.i != tok.i:
        subj, passive = subjects(tok.head, depth + 1)
        if tok.dep_ in ("conj", "xcomp") and passive:
            # "was indicted and will resign", "was forced to resign": the patient of the first verb is the
            # subject of the second unless that one is passive too ("was arrested and charged")
            passive = any(c.dep_ == "auxpass" for c in kids) or (
                tok.dep_ == "conj" and tok.tag_ == "VBN" and not any(c.dep_ == "aux" for c in kids))
        return subj, passive
    if tok.dep_ in ("pcomp", "xcomp") or (tok.head.dep_ in ("prep", "advmod", "acomp") and tok.head.head.i != tok.head.i):
        # "Arnor is about to restore ties": through "about" to the clause's subject
        up = tok.head.head if tok.head.dep_ in ("prep", "advmod", "acomp") else tok.head
        if up.pos_ in ("VERB", "AUX") and up.i != tok.i:
            return subjects(up, depth + 1)
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
        noun = tok.head
        if tok.tag_ == "VBN" and tok.sent.root.pos_ in ("VERB", "AUX"):
            # a reduced passive: "an aid worker imprisoned in Egypt" is the one imprisoned (in a sentence
            # with no verb at its root the participle is the misread main verb: "Thousands of rebels disarmed")
            return [noun], True
        if noun.dep_ in ("dobj", "pobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
            return subjects(noun.head, depth + 1)
        return [noun], False
    return [], False


def agents(tok):
    """'by X' of a passive verb."""
    for c in tok.children:
        if c.dep_ == "agent":
            return [g for g in c.children if g.dep_ == "pobj"]
    return []


def prep_objects(tok, preps) -> list:
    preps = set(preps) | ({"upon"} if "on" in preps else set())
    out = []
    for c in tok.children:
        objects = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps and objects:
            out.extend(objects)
        elif c.dep_ in ("prep", "prt", "advmod") and not objects:
            # a complex preposition: "walked out of talks", "pulled back from the border"
            out.extend(g for p in c.children if p.dep_ == "prep" and p.lower_ in preps
                       for g in p.children if g.dep_ in ("pobj", "pcomp"))
    return out


def particle(tok, word: str) -> bool:
    """Does the verb carry this particle? The parser labels it prt, advmod ('stepped down') or a bare prep;
    'out' opening 'out of the talks' is a preposition, not a particle."""
    return any(c.lower_ == word and (c.dep_ in ("prt", "advmod") or (c.dep_ == "prep" and not list(c.children)))
               for c in tok.children)


def lemmas(tok) -> list[str]:
    """The token's lemma, then what its inflection says its lemma is, for the forms the lemmatizer gets
    wrong ('staged' -> 'stag'): the coder looks words up by these, in order."""
    out = [tok.lemma_.lower()]
    word = tok.lower_
    if word.endswith("ed") and len(word) > 4:
        out += [word[:-1], word[:-2]] + ([word[:-3]] if word[-3] == word[-4] else [])
    elif word.endswith("ing") and len(word) > 5:
        out += [word[:-3] + "e", word[:-3]] + ([word[:-4]] if word[-4] == word[-5] else [])
    elif word.endswith("s") and len(word) > 3:
        out += [word[:-1]] + ([word[:-2]] if word.endswith("es") else [])
    return list(dict.fromkeys(out))


def predicated(tok) -> bool:
    """Whether `tok` is read as a verb: one the tagger says is, an adjective after a copula ("is skeptical
    of"), or a noun the parser made the root over a subject and an object or particle, as a verb of a
    headline misread ("EU and UN hand over medical supplies to Nigeria")."""
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or (tok.pos_ == "ADJ" and tok.dep_ == "acomp"):
        return True
    deps = {c.dep_ for c in tok.children}
    return tok.dep_ == "ROOT" and tok.pos_ == "NOUN" and "nsubj" in deps and bool(deps & {"dobj", "prt"})


def held_toward(tok) -> list:
    """'is opposed to French mediation': what a participle of attitude is held toward ([] for other words)."""
    if tok.lower_ not in STATIVE_PARTICIPLES:
        return []
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]


def direct_objects(tok) -> list:
    objs = [c for c in tok.children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
    if not objs:  # headlines: "Lavrov visits Ankara" parses Ankara as npadvmod
        objs = [c for c in tok.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN" and c.i > tok.i]
    return objs or held_toward(tok)


def clause_subjects(tok) -> list:
    """'requested that Putin visit', 'urged X to ...': the subject of the complement clause, or the object."""
    out = [c for c in tok.children if c.dep_ == "dobj"]
    for c in tok.children:
        if c.dep_ in ("ccomp", "xcomp"):
            out.extend(g for g in c.children if g.dep_ in ("nsubj", "nsubjpass"))
    return out


def negated(tok) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("neg", "advmod", "det") for c in tok.children):
        return True
    if any(c.dep_ in ("nsubj", "nsubjpass") and any(d.dep_ in ("det", "preconj") and d.lower_ in ("neither", "no")
                                                     for d in c.children) for c in tok.children):
        return True  # "Neither army has moved troops", "No country has recognised it": nobody did
    head = tok.head
    if tok.dep_ in ("xcomp", "dobj", "pobj", "acomp") and head.i != tok.i and head.pos_ in ("VERB", "AUX"):
        return any(c.dep_ == "neg" for c in head.children)
    return False


def alleged(tok) -> bool:
    """The predicate is what an allegation says: a clause under an allegation verb ("charging that UNSCOM has
    become a spy agency"), or a finite clause that is an allegation noun's content ("claims that the army had
    killed civilians"), or a predicate inside such a clause ("... denied legal representation to 40 people
    arrested after the invasion")."""
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            return False
        if tok.dep_ == "ccomp" and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in ALLEGATION_VERBS:
            return True
        if tok.dep_ in ("acl", "ccomp") and head.pos_ == "NOUN" and head.lemma_.lower() in ALLEGATION_NOUNS and \
                any(c.dep_ in SUBJ for c in tok.children):
            return True
        if tok.dep_ not in ("conj", "xcomp", "ccomp", "acl", "relcl", "advcl", "dobj", "pobj", "prep", "pcomp"):
            return False
        tok = head
    return False


def modality(tok) -> str:
    """asserted; intent (under an intent verb or noun: 'plans to visit', 'their intent to check');
    modal (under may/might/will/would...: a reporter's or a source's expectation); hypothetical
    (inside an appeal or a condition); alleged (what an allegation says)."""
    chain = [tok]
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i:
            break
        if cur.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "advcl", "relcl", "conj", "aux", "pcomp"):
            chain.append(cur.head)
            cur = cur.head
        else:
            break
    for c in tok.children:
        if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS and not (c.i > 0 and c.doc[c.i - 1].lower_ == "as"):
            return "hypothetical"
    if alleged(tok):
        return "alleged"  # "alleged that Somali militants had kidnapped ...": the allegation, not the act
    if dep_of(tok) == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and \
            not any(c.dep_ in SUBJ for c in tok.children):
        return "hypothetical"  # "imposed a curfew to stop fresh demonstrations": the aim, not an act
    if dep_of(tok) in ("ccomp", "xcomp") and tok.head.lemma_ in APPEAL_VERBS and \
            not (tok.dep_ == "ccomp" and tok.head.lemma_ in TELLING_VERBS):
        return "hypothetical"
    governor = _governing_verb(tok)
    if governor is not None:
        lemma = governor.lemma_.lower()
        if lemma in THREAT_VERBS | CONSIDER_VERBS | REFUSAL_VERBS and modality(governor) == "hypothetical":
            return "hypothetical"  # "demanded that its partners refuse to recognise": no one has refused yet
        if lemma in THREAT_VERBS:
            return "threat"  # "threatened to break relations": a threat, not the break
        if lemma in CONSIDER_VERBS:
            return "considered"  # "is considering sending aid": CAMEO 014, a policy option
        if lemma in REFUSAL_VERBS:
            return "refused"  # "refused to meet": CAMEO's refusal codes, not the meeting
        if lemma in APPEAL_VERBS:
            return "hypothetical"  # "demanded that the US cancel plans to sell": nothing was sold
    if obliged(tok) or subjunctive(tok):
        return "hypothetical"
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children):
        return "modal"
    if tok.dep_ == "ROOT" and tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return "intent"  # headline future: "Putin to visit North Korea"
    for i, up in enumerate(chain[1:], 1):
        low = chain[i - 1]
        if dep_of(low) in ("xcomp", "dobj") and (up.lemma_ in INTENT_VERBS | NOMINAL_INTENT or up.lower_ in READY_WORDS):
            if up.lower_ in READY_WORDS and obliged(up.head):
                return "hypothetical"  # "the US must be ready to mediate": a norm for the US, not its intent
            return "intent"
        if low.dep_ == "acl" and up.lemma_ in INTENT_NOUNS:
            return "intent"
        if low.dep_ == "acl" and up.lemma_ in REFUSAL_NOUNS:
            return "refused"
        if low.dep_ == "acl" and up.pos_ == "NOUN" and up.lemma_ in APPEAL_NOUNS:
            return "hypothetical"  # "refused a request by the president to step down": asked, not done
        if up.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ in MODALS for c in up.children) \
                and low.dep_ in ("xcomp", "dobj", "prep", "pcomp", "advcl"):
            return "modal"
        if low.dep_ not in ("conj", "prep", "pcomp") and not (dep_of(low) == "xcomp" and up.lemma_ in ASPECT_VERBS):
            break
    return "asserted"


THREAT_VERBS = _LEX.words("threat_verbs")
INTENT_NOUNS = _LEX.words("intent_nouns")
REFUSAL_NOUNS = _LEX.words("refusal_nouns")
APPEAL_NOUNS = _LEX.words("appeal_nouns")
TELLING_VERBS = _LEX.words("telling_verbs")
CONSIDER_VERBS = _LEX.words("consider_verbs")
REVERSAL_VERBS = _LEX.words("reversal_verbs")
REFUSAL_VERBS = _LEX.words("refusal_verbs")
ALLEGATION_VERBS = _LEX.words("allegation_verbs")
ALLEGATION_NOUNS = _LEX.words("allegation_nouns")
APPEAL_OBJECT_VERBS = _LEX.words("appeal_object_verbs")
OWNER_HYPHEN_WORDS = _LEX.words("owner_hyphen_words")
COMPLEMENT_TAKERS = INTENT_VERBS | NOMINAL_INTENT | ASPECT_VERBS | THREAT_VERBS | REFUSAL_VERBS | APPEAL_VERBS | \
    CONSIDER_VERBS


def obliged(tok) -> bool:
    """The verb is under 'must', 'should' or 'ought': someone's norm for its subject, not its act."""
    return any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in tok.children)


def subjunctive(tok) -> bool:
    """A that-clause in the mandative subjunctive ('demanded that Israel ease restrictions', 'insists that
    he resign'): a bare verb with its own subject and no auxiliary is asked for, not reported."""
    return tok.tag_ == "VB" and tok.dep_ == "ccomp" and any(c.dep_ == "nsubj" for c in tok.children) and \
        not any(c.dep_ in ("aux", "auxpass") for c in tok.children)


def dep_of(tok) -> str:
    """The token's relation, reading an infinitive that the parser hung on a verb of intent, threat, refusal
    or appeal as an adverbial clause ('have sworn to fight': advcl) as the complement it is."""
    if tok.dep_ == "advcl" and tok.head.lemma_.lower() in COMPLEMENT_TAKERS and requested_clause(tok) and \
            not any(c.dep_ in SUBJ for c in tok.children):
        return "xcomp"
    return tok.dep_


def _governing_verb(tok):
    """The verb whose complement holds `tok`, through xcomp/ccomp chains and event nouns
    ('threatened to break off relations', 'demanded that the US cancel plans to sell')."""
    cur = tok
    for _ in range(5):
        if cur.head.i == cur.i:
            return None
        if dep_of(cur) in ("xcomp", "ccomp"):
            head = cur.head
            if cur.dep_ == "ccomp" and head.lemma_.lower() in TELLING_VERBS:
                return None  # "told the BBC that Russia had attacked": reported, not requested
            if head.lemma_.lower() in THREAT_VERBS | REFUSAL_VERBS | APPEAL_VERBS | CONSIDER_VERBS:
                return head
            cur = head
        elif requested_clause(cur) and cur.head.lemma_.lower() in APPEAL_VERBS:
            return cur.head
        elif cur.dep_ in ("dobj", "acl", "pobj", "prep", "conj") and cur.head.pos_ in ("NOUN", "VERB", "ADP", "AUX"):
            cur = cur.head
        else:
            return None
    return None


def requested_clause(tok) -> bool:
    """An infinitive the parser hung on a verb as an adverbial clause: under 'call on', 'push for', it
    is what is asked for ('called on the US to lift sanctions', 'called for Egyptians to join')."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


PREP_CARRIERS = _LEX.words("prep_carriers")


EFFORT_HEADS = _LEX.words("effort_heads")


def effort_head(noun):
    """'launched a mediation effort between X and Y', 'a bombing campaign against ISIS': an event noun
    compounded onto a noun of effort takes that noun's phrase (its verb, possessor and prepositions)."""
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in EFFORT_HEADS and noun.head.i > noun.i:
        return noun.head
    return noun


OCCURRENCE_VERBS = _LEX.words("occurrence_verbs")


def light_verb(noun):
    """The verb that carries an event noun ('held talks', 'paid a visit', 'imposed sanctions'; 'clashes
    erupted', 'riots are continuing')."""
    head = noun.head
    if noun.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in OCCURRENCE_VERBS:
        return head
    if noun.dep_ in ("dobj", "attr", "nsubjpass", "oprd") and head.pos_ in ("VERB", "AUX") and \
            any(w in LIGHT_VERBS or w in NOMINAL_INTENT for w in lemmas(head)):
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX") and \
            head.lower_ in ("in", "for", "into", "on", "to") and head.head.lemma_.lower() in PREP_CARRIERS:
        return head.head  # "took part in talks", "called for talks", "engaged in negotiations"
    if noun.dep_ == "conj":
        return light_verb(noun.head)
    return None


def refused_noun(noun) -> bool:
    """'reneged on an accord', 'rejected the deal': an event noun a refusal verb governs is refused, not done."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ not in ("dobj", "nsubjpass"):
        return False
    return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in REFUSAL_VERBS


def first_conjunct(tok):
    """The first of the coordinated words `tok` is one of ("missile and drone attacks": "missile")."""
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok


def expand_conj(tok) -> list:
    """The token and its conjuncts; with a serial comma the parser makes the middle items appositions
    ("The UK, France, and Germany"): a proper-noun apposition after a comma of a coordinated head is one
    more conjunct."""
    out = [tok]
    for c in tok.conjuncts:
        if c not in out:
            out.append(c)
    for head in list(out):
        if any(c.dep_ == "cc" for c in head.children) or head.dep_ == "conj":
            for c in head.children:
                if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > 0 and c.doc[c.i - 1].text == "," \
                        and c not in out:
                    out.append(c)
    return out


def subtree_bfs(tok, max_depth: int = 3):
    """Tokens of an argument in breadth-first order, through noun modifiers and prepositions but not
    into clauses: the nearest actor inside 'the acts of military intimidation by the US'."""
    frontier = [(tok, 0)]
    seen = {tok.i}
    while frontier:
        cur, depth = frontier.pop(0)
        yield cur, depth
        if depth >= max_depth:
            continue
        for c in cur.children:
            if c.i in seen or c.dep_ in ("relcl", "acl", "ccomp", "advcl", "xcomp", "punct", "cc", "det", "appos", "poss"):
                continue
            seen.add(c.i)
            step = 0 if c.dep_ in ("prep", "pobj", "agent") and cur.dep_ == "prep" or c.dep_ == "prep" else 1
            frontier.append((c, depth + step))


TEMPORAL_PREPS = _LEX.words("temporal_preps")
SEQUENCE_PREPS = _LEX.words("sequence_preps")
SEQUENCE_SHARED = _LEX.words("sequence_shared_roots")


def takes_part(prep, code: str, symmetric: bool) -> bool:
    """Does the subject of the clause that `prep` ('during', 'after') hangs on take part in the event noun
    under it? 'During talks with Japan, South Korea raised ...' yes; 'imposed a curfew after clashes between
    gangs' no: before or after the clause, only an event held together is the subject's own."""
    return prep.lower_ not in SEQUENCE_PREPS or symmetric or code[:2] in SEQUENCE_SHARED


def eventive_noun(noun) -> bool:
    """Is this event noun reported as happening here ('held a summit', 'during their summit'), not
    merely referred to ('their joint statement referred to', 'reflected in his latest summit')?"""
    if light_verb(noun) is not None:
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ in TEMPORAL_PREPS:
        return True
    if noun.dep_ in ("ROOT", "appos") or (noun.dep_ == "nsubjpass"):
        return True
    if noun.dep_ == "conj":
        return eventive_noun(noun.head)
    return False


def crosses_quote(doc, a: int, b: int) -> bool:
    """Is there an odd number of quotation marks between tokens a and b (one inside a quote, one not)?"""
    lo, hi = sorted((a, b))
    marks = sum(1 for t in doc[lo:hi] if t.text in ("“", "”", '"'))
    return marks % 2 == 1


def headline_subjects(verb, subjects) -> list:
    """'EU, Japan sign trade deal': a name before the subject, joined by a comma, is a subject too."""
    extra = []
    for s in subjects:
        for c in verb.children:
            if c.i < s.i and c.dep_ in ("npadvmod", "appos", "nmod", "dep") and c.pos_ == "PROPN" \
                    and c.i + 1 < len(c.doc) and c.doc[c.i + 1].text == "," and c.i + 2 == s.i:
                extra.append(c)
    return extra


def embedded(tok) -> bool:
    """Is the predicate inside a relative, adverbial or adnominal clause ('where 28 people have been
    killed', 'one day after a jet shot down a helicopter'): background to the sentence's main event?"""
    cur = tok
    for _ in range(6):
        if cur.dep_ in ("relcl", "acl", "advcl", "pcomp") or (cur.dep_ == "pobj" and cur.head.dep_ == "prep"
                                                               and cur.pos_ in ("VERB", "AUX")):
            return True
        if cur.head.i == cur.i or cur.dep_ not in ("conj", "xcomp", "ccomp", "aux", "dobj", "pobj", "prep"):
            return False
        cur = cur.head
    return False


TOPIC_NOUNS = _LEX.words("topic_nouns")
TOPIC_PREPS = _LEX.words("topic_preps")


def modifiers(tok) -> list:
    """The noun's modifiers, and the state adjective of a hyphenated one that names whose it is ('a
    British-flagged tanker', 'the rebel-held enclave': the lexicon's `owner_hyphen_words`)."""
    kids = list(tok.children)
    return kids + [g for c in kids if c.dep_ in ("amod", "compound") and c.lower_ in OWNER_HYPHEN_WORDS and
                   any(x.tag_ == "HYPH" for x in c.children) for g in c.children if g.dep_ in ("amod", "compound")]


def reversed_noun(tok) -> bool:
    """An event noun a reversal verb acts on ('lifted sanctions', 'sanctions were lifted', 'the strike was
    called off'): the verb's own pattern codes the reversal, the noun's code does not apply."""
    verb = tok.head
    words = {verb.lemma_.lower()} | {f"{verb.lemma_.lower()} {c.lower_}" for c in verb.children if c.dep_ == "prt"}
    return tok.dep_ in ("dobj", "nsubjpass", "pobj") and bool(words & REVERSAL_VERBS)


def asked_for(tok) -> bool:
    """An event noun that an appeal asks for ('called for talks with the government', 'pushed for sanctions on
    Iran', 'demanded a ceasefire', 'calls for sanctions'): asked for, not done. The appeal is coded apart."""
    for noun in [tok] + ([tok.head] if tok.dep_ == "conj" else []):
        head, asks = noun.head, APPEAL_VERBS
        if noun.dep_ == "pobj" and head.lower_ == "for":
            head = head.head
        elif noun.dep_ == "dobj":
            asks = APPEAL_OBJECT_VERBS
        else:
            continue
        if head.lemma_.lower() in (asks if head.pos_ in ("VERB", "AUX") else APPEAL_NOUNS):
            return True
    return False


def discussed(tok) -> bool:
    """An event noun named as the topic of talks ('talks on a withdrawal'; 'held talks today on a withdrawal',
    where the parser hangs the topic on the verb)."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in TOPIC_PREPS:
        return False
    owner = tok.head.head
    owners = [owner] + ([o for o in owner.children if o.dep_ == "dobj"] if owner.pos_ in ("VERB", "AUX") else [])
    return any(o.lemma_.lower() in TOPIC_NOUNS or o.lower_ in TOPIC_NOUNS for o in owners)
