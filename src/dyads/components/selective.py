"""Parse only what can hold an event.

Every segment is tokenised and split into sentences cheaply; the KB matcher runs over all of it. A
sentence goes through the full spaCy pipeline (tagger, parser, NER) only when it can hold an event or
a quote: a trigger word of some pattern and two actors (or an actor and a pronoun that may point to
one), or a quotation with a speech verb; the NER is left out where it has no name to find (`_may_name`).
Titles, decks and captions are always parsed. The parsed sentences are put back into one Doc per
segment, so the later stages see the same offsets; skipped sentences keep their tokens and sentence
boundaries but no tags, dependencies or entities.
"""
from __future__ import annotations

import copy

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, LOWER, ORTH, POS, SENT_START, TAG
from spacy.parts_of_speech import X
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from dyads.components.nlp import Segment, paragraph_breaks
from dyads.ontology.lexicon import load_lexicon

_LEX = load_lexicon()  # the word lists: ontology/data/lexicon.yaml

REFERRING = _LEX.words("referring_words")
PARSE_THRESHOLD = float(_LEX.value("parse_threshold"))
SINGLE_ACTOR_ROOTS = _LEX.words("single_actor_roots")
ONE_SIDED_CODES = _LEX.words("one_sided_codes")
QUOTE_MARKS = ("“", "”", '"')
NER = ["ner"]  # what a sentence with no name to find is parsed without
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


def _alone(pattern) -> bool:
    """Whether the pattern's act may have no one on its receiving side: its root is a single-actor root, or its
    code (or the code it takes when refused: "declined to comment") is one the coder codes one-sided."""
    return pattern.code[:2] in SINGLE_ACTOR_ROOTS or pattern.code in ONE_SIDED_CODES or \
        pattern.negated_code in ONE_SIDED_CODES


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
                        self.by_form.setdefault(form, []).append((tuple(need), _alone(pattern)))

    def could_fire(self, words: set[str], single_actor: bool = False) -> bool:
        """With `single_actor`, only patterns whose act no one need receive (`_alone`: the lexicon's
        `single_actor_roots` and `one_sided_codes`) and the stated-intent rule, whose 030 may be one-sided
        ("Kyrgyzstan agreed to hold early elections")."""
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
        self.kb_names = frozenset(part for person in gazetteer.kb.people.values()
                                  for name in (person.name, *person.aliases)
                                  for part in (name.split()[0], name.split()[-1]) if len(part) > 2)
        self.name_tokens = set(self.kb_names)
        self.learn(gazetteer.learned)

    def with_gazetteer(self, gazetteer) -> "SelectiveParser":
        """This parser for `gazetteer` (the same KB, other learned names): prefilter and KB surnames shared."""
        other = copy.copy(self)
        other.gazetteer = gazetteer
        other.name_tokens = set(self.kb_names)
        other.learn(gazetteer.learned)
        return other

    def learn(self, names) -> None:
        """Names the gazetteer learned since: their last words now mark actor sentences too."""
        self.name_tokens |= {name.split()[-1] for name in names if name.split()}
        self._name_ids = numpy.array(sorted(get_string_id(t) for t in self.name_tokens), dtype="uint64")

    def parse(self, segments: list[Segment], batch_size: int = 64) -> None:
        """Set `segment.doc` for every segment."""
        always = [s for s in segments if s.name != "body"]
        for seg, doc in zip(always, self.nlp.pipe((s.text for s in always), batch_size=batch_size)):
            seg.doc = doc
        bodies = [s for s in segments if s.name == "body"]
        plans = []
        todo: dict[bool, list] = {True: [], False: []}  # with NER, without: (segment number, sentence number, doc)
        for n, seg in enumerate(bodies):
            doc = paragraph_breaks(self.sentencizer(self.nlp.make_doc(seg.text)))
            sents = list(doc.sents)
            matches = self.gazetteer.names(doc) + self.gazetteer.roles(doc)  # roles: "police", "protesters"
            covered = {i for _, start, end in matches for i in range(start, end)}
            starts = numpy.array(sorted(m[1] for m in matches), dtype="int64")
            lower, orth = doc.to_array([LOWER, ORTH]).T
            names = numpy.concatenate([[0], numpy.cumsum(numpy.isin(orth, self._name_ids))])  # "Xi", "Putin"
            for i, sent in enumerate(sents):
                kb = int(numpy.searchsorted(starts, sent.end) - numpy.searchsorted(starts, sent.start))
                actors = kb + int(names[sent.end] - names[sent.start])
                text = seg.text[sent.start_char:sent.end_char]
                if self._candidate(sent, text, self._words(lower[sent.start:sent.end]), actors):
                    todo[_may_name(sent, covered)].append((n, i, sent.as_doc()))
            plans.append((seg, doc, sents))
        parsed: dict[tuple[int, int], Doc] = {}
        for ner, items in todo.items():
            docs = self.nlp.pipe((d for _, _, d in items), batch_size=batch_size, disable=[] if ner else NER)
            parsed.update(((n, i), d) for (n, i, _), d in zip(items, docs))
        for n, (seg, doc, sents) in enumerate(plans):
            seg.doc = _assemble(doc, sents, {i: parsed[(n, i)] for i in range(len(sents)) if (n, i) in parsed})

    def _words(self, lower) -> set[str]:
        """The lower-case forms of the ids `lower`."""
        strings = self.nlp.vocab.strings
        return {strings[h] for h in set(lower.tolist())}

    def _candidate(self, sent, text: str, words: set[str], actors: int) -> bool:
        """Whether to parse `sent` (its `text`, its lower-case forms `words`; `actors`: KB matches and known
        surnames)."""
        if words & SPEECH_FORMS and any(m in text for m in QUOTE_MARKS):
            return True
        if actors + bool(words & REFERRING) >= 2 and self.prefilter.could_fire(words):
            return True
        if actors >= 1 and self.prefilter.could_fire(words, single_actor=True):  # "North Korea tested a missile"
            return True
        if actors >= 1 and self.classifier is not None:  # the classifier may propose an event no pattern names
            return self.classifier.predict(text).proposal(PARSE_THRESHOLD) is not None
        return False


ASSEMBLED = [POS, HEAD, DEP, LEMMA, TAG, SENT_START, ENT_IOB, ENT_TYPE]  # the order Doc(words, heads=...) sets them
_POS, _HEAD, _DEP, _LEMMA, _TAG, _START, _IOB, _TYPE = range(len(ASSEMBLED))
INSIDE = numpy.uint64(2**64 - 1)  # SENT_START -1 (not a sentence start) as the array holds it
OUTSIDE = Token.iob_strings().index("O")  # ENT_IOB of a token in no entity


def _may_name(sent, covered: set[int]) -> bool:
    """Whether the NER could find a name in the sentence that the KB did not: a token that could be part of
    one (`_name_like`) outside the KB's matches, other than a sentence-opening function word. Only such
    names become mentions (mentions.Gazetteer.parts)."""
    return any(_name_like(tok.text) and tok.i not in covered and not (tok.i == sent.start and tok.is_stop)
               for tok in sent)


def _name_like(text: str) -> bool:
    """A capital ("Kenya", "G7"), letters with digits ("my6sense") or a handle ("@unhcr"); not a lower-case
    word, clitic ("’s", "n't"), number or symbol."""
    return any(c.isupper() for c in text) or text.startswith(("@", "#")) or \
        (any(c.isdigit() for c in text) and any(c.isalpha() for c in text))


def _assemble(doc, sents, parsed: dict) -> Doc:
    """The segment's Doc with the parsed sentences' annotations (tags, POS, lemmas, dependencies, entities)
    and, for the others, bare tokens: tag XX, POS X, the lower-case form as lemma, every token attached to
    the sentence's first. Written once, as one array, into `doc` (the tokenised segment)."""
    strings = doc.vocab.strings
    xx, dep, root, blank = strings.add("XX"), strings.add("dep"), strings.add("ROOT"), strings.add("")
    out = numpy.zeros((len(doc), len(ASSEMBLED)), dtype="uint64")
    lower = doc.to_array(LOWER)
    out[:, _POS] = X
    out[:, _DEP] = dep
    out[:, _LEMMA] = lower
    out[:, _TAG] = xx
    out[:, _IOB] = OUTSIDE
    for i, sent in enumerate(sents):
        part = parsed.get(i)
        rows = out[sent.start:sent.end]
        if part is not None and len(part) == len(sent):
            rows[:] = part.to_array(ASSEMBLED)
            for col, missing in ((_POS, X), (_DEP, dep), (_TAG, xx)):  # never empty, as the bare tokens
                rows[rows[:, col] == blank, col] = missing
            unset = rows[:, _LEMMA] == blank
            rows[unset, _LEMMA] = lower[sent.start:sent.end][unset]
            rows[~numpy.isin(rows[:, _IOB], (1, 3)), _IOB] = OUTSIDE  # I and B kept
        else:
            rows[:, _HEAD] = (-numpy.arange(len(sent), dtype="int64")).astype("uint64")
            rows[0, _DEP] = root
        rows[:, _START] = INSIDE
        rows[0, _START] = 1
    return doc.from_array(ASSEMBLED, out)


OFFER_FORMS = _offer_forms()
SPEECH_FORMS = frozenset(f for verb in _LEX.words("quote_verbs") for f in inflections(verb))
