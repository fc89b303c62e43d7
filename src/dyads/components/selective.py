"""Parse only what can hold an event.

Every segment is tokenised and split into sentences cheaply; the KB matcher runs over all of it. A
sentence goes through the full spaCy pipeline (tagger, parser, NER) only when it can hold an event or
a quote: a trigger word of some pattern and two actors (or an actor and a pronoun that may point to
one), or a quotation with a speech verb. Titles, decks and captions are always parsed. The parsed
sentences are put back into one Doc per segment, so the later stages see the same offsets; skipped
sentences keep their tokens and sentence boundaries but no tags, dependencies or entities.
"""
from __future__ import annotations

from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from dyads.components.nlp import Segment, paragraph_breaks
from dyads.ontology.lexicon import load_lexicon

_LEX = load_lexicon()  # the word lists: ontology/data/lexicon.yaml

REFERRING = _LEX.words("referring_words")
PARSE_THRESHOLD = float(_LEX.value("parse_threshold"))
SINGLE_ACTOR_ROOTS = _LEX.words("single_actor_roots")
QUOTE_MARKS = ("“", "”", '"')
IRREGULAR = {"meet": ["met"], "hold": ["held"], "take": ["took", "taken"], "make": ["made"], "pay": ["paid"],
             "send": ["sent"], "seek": ["sought"], "strike": ["struck", "stricken"], "give": ["gave", "given"],
             "begin": ["began", "begun"], "lead": ["led"], "fight": ["fought"], "shoot": ["shot"], "buy": ["bought"],
             "sell": ["sold"], "bring": ["brought"], "tell": ["told"], "say": ["said"], "speak": ["spoke", "spoken"],
             "break": ["broke", "broken"], "freeze": ["froze", "frozen"], "withdraw": ["withdrew", "withdrawn"],
             "write": ["wrote", "written"], "drive": ["drove", "driven"], "throw": ["threw", "thrown"],
             "seize": ["seized"], "win": ["won"], "lose": ["lost"], "keep": ["kept"], "leave": ["left"],
             "shake": ["shook", "shaken"], "forgive": ["forgave", "forgiven"], "undertake": ["undertook", "undertaken"],
             "overthrow": ["overthrew", "overthrown"], "rise": ["rose", "risen"], "feel": ["felt"],
             "sit": ["sat"], "stand": ["stood"], "sign": ["signed"], "bind": ["bound"], "hit": ["hit"],
             "put": ["put"], "set": ["set"], "cut": ["cut"], "quit": ["quit"], "split": ["split"], "hurt": ["hurt"],
             "slay": ["slew", "slain"], "steal": ["stole", "stolen"], "flee": ["fled"], "go": ["went", "gone"],
             "come": ["came"], "see": ["saw", "seen"], "do": ["did", "done"], "have": ["had", "has"],
             "get": ["got", "gotten"], "build": ["built"], "forbid": ["forbade", "forbidden"], "draw": ["drew", "drawn"],
             "tear": ["tore", "torn"], "wage": ["waged"], "deal": ["dealt"], "mean": ["meant"], "swear": ["swore", "sworn"],
             "blow": ["blew", "blown"], "catch": ["caught"], "teach": ["taught"], "fly": ["flew", "flown"]}


def _offer_forms() -> frozenset[str]:
    forms = {"willing", "ready", "prepared"}
    for lemma in ("offer", "agree", "pledge", "promise", "volunteer", "commit"):
        forms |= inflections(lemma)
    return frozenset(forms)


def inflections(lemma: str) -> set[str]:
    """Regular English forms of a verb or noun lemma, plus the irregular ones we know."""
    w = lemma.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing", w + "d"}
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) > 2 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    forms.update(IRREGULAR.get(w, []))
    return forms


OFFER_FORMS: frozenset[str] = frozenset()


def irregular_forms(nlp) -> dict[str, set[str]]:
    """lemma -> the forms spaCy's own lemmatizer maps to it by exception ('retook' -> 'retake'), so the
    prefilter knows every form the parser would lemmatise to a pattern word."""
    out: dict[str, set[str]] = {}
    if nlp is None or "lemmatizer" not in nlp.pipe_names:
        return out
    lookups = nlp.get_pipe("lemmatizer").lookups
    if "lemma_exc" not in lookups.tables:
        return out
    table = lookups.get_table("lemma_exc")
    for pos in ("verb", "noun"):
        if pos in table:
            for form, lemmas in table[pos].items():
                for lemma in lemmas:
                    out.setdefault(lemma, set()).add(form)
    return out


class Prefilter:
    """Which sentences some pattern could fire on, from their words alone: the trigger word, and the
    pattern's required object, preposition, particle or modifier words when it has them."""

    def __init__(self, patterns, nlp=None):
        irregular = irregular_forms(nlp)
        self.by_form: dict[str, list[tuple]] = {}  # form -> (required words, fires with a single actor)
        for table in (patterns.by_verb, patterns.by_noun):
            for lemma, plist in table.items():
                for pattern in plist:
                    need = []
                    if pattern.object:
                        need.append(frozenset(f for o in pattern.object for f in inflections(o)))
                    if pattern.modifiers:
                        need.append(frozenset(f for m in pattern.modifiers for f in inflections(m)))
                    if pattern.prep:
                        need.append(frozenset({pattern.prep}))
                    if pattern.particle:
                        need.append(frozenset({pattern.particle}))
                    forms = inflections(lemma) | irregular.get(lemma, set()) if " " not in lemma else ()
                    for form in forms:
                        self.by_form.setdefault(form, []).append((tuple(need), pattern.code[:2] in SINGLE_ACTOR_ROOTS))

    def could_fire(self, words: set[str], single_actor: bool = False) -> bool:
        """With `single_actor`, only patterns of the lexicon's `single_actor_roots` (acts no one receives) and
        the stated-intent rule, whose 030 may be one-sided ("Kyrgyzstan agreed to hold early elections")."""
        if words & OFFER_FORMS:  # the coder's stated-intent rule ("offered to hand over", "is willing to send")
            return True
        for word in words & self.by_form.keys():
            for need, alone in self.by_form[word]:
                if (alone or not single_actor) and all(words & alternatives for alternatives in need):
                    return True
        return False


class SelectiveParser:
    def __init__(self, nlp, gazetteer, patterns, classifier=None):
        self.nlp = nlp
        self.classifier = classifier
        self.gazetteer = gazetteer
        self.sentencizer = Sentencizer()
        self.prefilter = Prefilter(patterns, nlp)
        kb = gazetteer.kb
        self.name_tokens = {part for person in kb.people.values() for name in (person.name, *person.aliases)
                            for part in (name.split()[0], name.split()[-1]) if len(part) > 2}
        self.name_tokens |= {name.split()[-1] for name in gazetteer.learned}

    def learn(self, names) -> None:
        """Names the gazetteer learned since: their last words now mark actor sentences too."""
        self.name_tokens |= {name.split()[-1] for name in names if name.split()}

    def parse(self, segments: list[Segment], batch_size: int = 64) -> None:
        """Set `segment.doc` for every segment."""
        always = [s for s in segments if s.name != "body"]
        for seg, doc in zip(always, self.nlp.pipe((s.text for s in always), batch_size=batch_size)):
            seg.doc = doc
        bodies = [s for s in segments if s.name == "body"]
        plans = []
        todo = []
        for seg in bodies:
            doc = paragraph_breaks(self.sentencizer(self.nlp.make_doc(seg.text)))
            sents = list(doc.sents)
            starts = [m[1] for m in self.gazetteer.names(doc)]
            starts += [m[1] for m in self.gazetteer.roles(doc)]  # "police", "protesters": actors with or without a state
            chosen = [i for i, sent in enumerate(sents)
                      if self._candidate(sent, sum(1 for st in starts if sent.start <= st < sent.end))]
            plans.append((seg, doc, sents, chosen))
            todo.extend(sents[i].as_doc() for i in chosen)
        parsed = iter(self.nlp.pipe(todo, batch_size=batch_size))
        for seg, doc, sents, chosen in plans:
            seg.doc = _assemble(doc, sents, {i: next(parsed) for i in chosen})

    def _candidate(self, sent, kb_matches: int) -> bool:
        words = {t.lower_ for t in sent}
        if any(m in sent.text for m in QUOTE_MARKS) and words & SPEECH_FORMS:
            return True
        actors = kb_matches + sum(1 for t in sent if t.text in self.name_tokens)  # "Xi", "Putin": known surnames
        if actors + bool(words & REFERRING) >= 2 and self.prefilter.could_fire(words):
            return True
        if actors >= 1 and self.prefilter.could_fire(words, single_actor=True):  # "North Korea tested a missile"
            return True
        if actors >= 1 and self.classifier is not None:  # the classifier may propose an event no pattern names
            return self.classifier.predict(sent.text).proposal(PARSE_THRESHOLD) is not None
        return False


def _assemble(doc, sents, parsed: dict) -> Doc:
    """One Doc with the parsed sentences' annotations and the others' bare tokens."""
    words, spaces, tags, pos, lemmas, heads, deps, starts, ents = [], [], [], [], [], [], [], [], []
    for i, sent in enumerate(sents):
        base = sent.start
        part = parsed.get(i)
        if part is not None and len(part) == len(sent):
            for tok in part:
                tags.append(tok.tag_ or "XX")
                pos.append(tok.pos_ or "X")
                lemmas.append(tok.lemma_ or tok.lower_)
                heads.append(base + tok.head.i)
                deps.append(tok.dep_ or "dep")
                starts.append(tok.i == 0)
                ents.append(f"{tok.ent_iob_}-{tok.ent_type_}" if tok.ent_iob_ in ("B", "I") else "O")
        else:
            for tok in sent:
                tags.append("XX")
                pos.append("X")
                lemmas.append(tok.lower_)
                heads.append(base)
                deps.append("ROOT" if tok.i == base else "dep")
                starts.append(tok.i == base)
                ents.append("O")
        for tok in sent:
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_))
    return Doc(doc.vocab, words=words, spaces=spaces, tags=tags, pos=pos, lemmas=lemmas, heads=heads, deps=deps,
               sent_starts=starts, ents=ents)


OFFER_FORMS = _offer_forms()
SPEECH_FORMS = frozenset(f for verb in _LEX.words("quote_verbs") for f in inflections(verb))
