"""Mentions: KB dictionary matches and NER entities, composed into actor phrases.

"Chinese President Xi Jinping" is one phrase of three parts (demonym CHN, role word GOV, person
xi-jinping); "North Korea's foreign ministry" is state + role; "Moscow" alone is a capital. The
actors component resolves each phrase.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from dyads.components.cleanup import PHOTO_CREDIT
from dyads.components.syntax import first_conjunct
from dyads.kb import KnowledgeBase
from dyads.ontology.lexicon import load_lexicon

GLUE = {"the", "'s", "’s", "'", "’", "-", "–"}
LOCATIVE_ALL = {"in", "at", "inside", "near", "across", "throughout", "within", "outside", "around"}
LOCATIVE_CITY = LOCATIVE_ALL | {"to", "from", "into", "toward", "towards", "via"}
RECIPIENT_PREPS = {"to", "toward", "towards"}
MOTION = load_lexicon().words("motion_words")  # "travelled to Moscow", "sent troops to Kabul": the capital is a place
DIVISIONS = load_lexicon().words("division_nouns")
UNIT_NOUNS = load_lexicon().words("unit_nouns")
NER_ACTOR = {"PERSON": "ner_person", "ORG": "ner_org", "GPE": "ner_place", "LOC": "ner_place", "FAC": "ner_place"}


@dataclass
class Part:
    start: int  # token index
    end: int
    kind: str  # state, demonym, capital, seat, military_seat, org, person, outlet, code, role, ner_person, ner_org
    ref: str


@dataclass
class Phrase:
    start: int
    end: int
    parts: list[Part]
    sentence: int
    place: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def head(self) -> Part:
        return self.parts[-1]


def _kb_matchers(nlp, kb: KnowledgeBase) -> tuple[PhraseMatcher, PhraseMatcher]:
    """The matchers of the KB's surface forms (by ORTH) and of its role words and their plurals (by LOWER)."""
    names = PhraseMatcher(nlp.vocab, attr="ORTH")
    forms = [f for f in kb.surface if f]
    for form, doc in zip(forms, nlp.tokenizer.pipe(forms)):
        names.add(form, [doc])
    roles = PhraseMatcher(nlp.vocab, attr="LOWER")
    words = sorted({w for term in kb.roles for w in (term, _plural(term))})
    for word, doc in zip(words, nlp.tokenizer.pipe(words)):
        roles.add(word, [doc])
    return names, roles


class Gazetteer:
    """Phrase matchers over the KB's surface forms (case-sensitive) and role words (any case), and one
    over the names learned from stored articles. A gazetteer built `like` another of the same KB shares
    its KB and role matchers (never changed once built) and has only its learned names matched anew."""

    def __init__(self, nlp, kb: KnowledgeBase, learned: dict[str, tuple[str | None, str | None]] | None = None,
                 like: "Gazetteer | None" = None):
        self.kb = kb
        self.learned: dict[str, tuple[str | None, str | None]] = {}
        self.vocab = nlp.vocab
        self._tokenize = nlp.tokenizer
        if like is not None and like.kb is kb:
            self.kb_names, self.roles = like.kb_names, like.roles
        else:
            self.kb_names, self.roles = _kb_matchers(nlp, kb)
        self.learned_names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.learn(learned or {})

    def names(self, doc) -> list[tuple[int, int, int]]:
        """(match id, start, end) of every KB form and learned name in `doc`, by start then end."""
        found = self.kb_names(doc)
        if self.learned:
            found = sorted(found + self.learned_names(doc), key=lambda m: (m[1], m[2]))
        return found

    def learn(self, aliases: dict[str, tuple[str | None, str | None]]) -> list[str]:
        """Add names learned from stored articles (name -> (key, role)); return the new ones."""
        new = [f for f in aliases if f and f not in self.learned and f not in self.kb.surface]
        for form, doc in zip(new, self._tokenize.pipe(new)):
            self.learned_names.add(form, [doc])
        self.learned.update({f: aliases[f] for f in new})
        return new

    def role_of(self, text: str) -> str | None:
        low = text.lower()
        return self.kb.roles.get(low) or self.kb.roles.get(_singular(low))

    def parts(self, doc) -> list[Part]:
        spans = []
        for match_id, start, end in self.names(doc):
            spans.append((start, end, "name", self.vocab.strings[match_id]))
        for match_id, start, end in self.roles(doc):
            spans.append((start, end, "role", self.vocab.strings[match_id]))
        # longest first, names before roles on ties
        spans.sort(key=lambda s: (-(s[1] - s[0]), s[2] != "name", s[0]))
        taken: set[int] = set()
        parts: list[Part] = []
        orgs = [e for e in doc.ents if e.label_ == "ORG"]
        for start, end, what, label in spans:
            if any(i in taken for i in range(start, end)):
                continue
            if what == "role":
                role = self.role_of(label)
                if role is None:
                    continue
                parts.append(Part(start, end, "role", role))
            else:
                entries = self.kb.lookup(label)
                if _opens_org_name(doc, orgs, spans, start, end, entries):
                    continue  # "the California Farm Bureau Federation": a place that opens an organisation's name
                if entries and _hyphenated(doc, start, end) and \
                        (_prefer(entries).kind == "place" or _in_compound_name(doc, start, end, self.kb)):
                    continue  # "Asia-Pacific" is not the Pacific; "Crabtree-Ireland" is a surname
                if entries:
                    entry = _prefer(entries)
                    parts.append(Part(start, end, entry.kind, entry.ref))
                elif label in self.learned:
                    parts.append(Part(start, end, "learned", label))
                else:
                    continue
            taken.update(range(start, end))
        for ent in doc.ents:
            kind = "ner_place" if _named_division(ent) else NER_ACTOR.get(ent.label_)
            if kind is None or any(i in taken for i in range(ent.start, ent.end)):
                continue
            start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
            if start < ent.end:
                parts.append(Part(start, ent.end, kind, ent.text if start == ent.start else doc[start:ent.end].text))
                taken.update(range(start, ent.end))
        parts.sort(key=lambda p: p.start)
        return parts


def _opens_org_name(doc, orgs, spans, start: int, end: int, entries) -> bool:
    """A place the KB knows that opens a longer organisation name the NER found, in which the KB knows nothing
    else ("California Farm Bureau Federation"; not "Texas Department of Public Safety", whose role word
    makes it the state's organ)."""
    if not entries or _prefer(entries).kind != "place":
        return False
    for ent in orgs:
        if ent.start <= start and end < ent.end and all(t.text[:1].isupper() or not t.is_alpha for t in doc[end:ent.end]):
            return not any((s, e) != (start, end) and ent.start <= s and e <= ent.end for s, e, _, _ in spans)
    return False


def _named_division(ent) -> bool:
    """'the northern province of Alta Verapaz', 'Maungtaw district': a name that a word of administrative
    division (lexicon `division_nouns`) names is a place, whatever the NER took it for."""
    root = ent.root
    if root.dep_ == "compound" and root.head.lemma_.lower() in DIVISIONS and root.head.i == ent.end:
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in DIVISIONS


def _hyphenated(doc, start: int, end: int) -> bool:
    return (start > 0 and doc[start - 1].text in ("-", "–") and not doc[start - 1].whitespace_) or \
        (end < len(doc) and doc[end].text in ("-", "–") and not doc[end - 1].whitespace_)


def _in_compound_name(doc, start: int, end: int, kb) -> bool:
    """'Crabtree-Ireland', 'Smith-Jordan': a capitalised word joined by a hyphen that is itself no KB
    name makes the match part of a proper name ('U.S.-Taliban talks' keeps both)."""
    for word, hyphen in ((start - 2, start - 1), (end + 1, end)):
        if 0 <= word < len(doc) and 0 <= hyphen < len(doc) and doc[hyphen].text in ("-", "–") \
                and doc[word].text[:1].isupper() and doc[word].text.isalpha() and not kb.lookup(doc[word].text):
            return True
    return False


def _prefer(entries):
    order = ["person", "outlet", "org", "state", "seat", "military_seat", "capital", "demonym", "place", "code"]
    return min(entries, key=lambda e: order.index(e.kind) if e.kind in order else 99)


def _plural(term: str) -> str:
    if term.endswith(("s", "x", "ch", "sh")):
        return term + "es" if not term.endswith("s") else term
    if term.endswith("y") and len(term) > 2 and term[-2] not in "aeiou":
        return term[:-1] + "ies"
    if term.endswith("man"):
        return term[:-3] + "men"
    return term + "s"


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("es") and word[:-2].endswith(("s", "x", "ch", "sh")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def compose(doc, parts: list[Part], segment_text: str | None = None, is_caption: bool = False) -> list[Phrase]:
    """Group adjacent parts into phrases and mark place phrases."""
    if is_caption and segment_text:
        credit = PHOTO_CREDIT.search(segment_text)
        if credit:
            parts = [p for p in parts if doc[p.start].idx < credit.start()]
    sent_index = {}
    for i, sent in enumerate(doc.sents):
        for tok in sent:
            sent_index[tok.i] = i
    parts, briefs = _briefs(doc, parts)
    phrases: list[Phrase] = []
    current: list[Part] = []
    for part in parts:
        if current and _joins(doc, current[-1], part, briefs):
            current.append(part)
            continue
        if current:
            phrases.append(_phrase(doc, current, sent_index))
        current = [part]
    if current:
        phrases.append(_phrase(doc, current, sent_index))
    phrases = [p for p in phrases if p is not None]
    _share_heads(doc, phrases)
    return phrases


def _share_heads(doc, phrases: list[Phrase]) -> None:
    """'Hungarian and Romanian officials', 'French and Egyptian warships': the first adjective shares
    the second phrase's role word."""
    for left, right in zip(phrases, phrases[1:]):
        if len(left.parts) != 1 or left.parts[0].kind not in ("demonym", "state"):
            continue
        gap = [t.lower_ for t in doc[left.end:right.start]]
        if gap not in (["and"], [","], ["or"]) or len(right.parts) < 2:
            continue
        if right.parts[0].kind not in ("demonym", "state") or right.head.kind != "role":
            continue
        left.parts = left.parts + [right.head]
        left.extra.pop("attribute", None)
        left.extra["shared_head"] = True
        right.extra.setdefault("partners", []).append(left)


def _briefs(doc, parts: list[Part]) -> tuple[list[Part], set[int]]:
    """'the UN Syria envoy', 'the US Mideast envoy': a state or place between an organisation or state and
    the role word right after it is the role's brief, not whose the role is. Its part is dropped (with its
    token positions returned) so that the two join across it."""
    kept, briefs = [], set()
    for i, part in enumerate(parts):
        if 0 < i < len(parts) - 1 and part.kind in ("state", "capital", "place", "ner_place") and \
                parts[i - 1].kind in ("org", "state") and parts[i + 1].kind == "role" and \
                parts[i - 1].end == part.start and part.end == parts[i + 1].start and \
                all(parts[i + 1].start <= t.head.i < parts[i + 1].end for t in doc[part.start:part.end] if t.head.i >= part.end):
            briefs.update(range(part.start, part.end))
            continue
        kept.append(part)
    return kept, briefs


def _joins(doc, left: Part, right: Part, briefs: set[int] | frozenset[int] = frozenset()) -> bool:
    if left.kind in ("person", "ner_person", "learned"):
        return False  # a name ends a phrase
    if {"ner_place", "place"} & {left.kind, right.kind}:
        return False
    gap = [t.text.lower() for t in doc[left.end:right.start]]
    if any(g not in GLUE for g in gap) and not _title_words(doc[left.end:right.start], left, right) and \
            not briefs.issuperset(range(left.end, right.start)):
        return False
    if "the" in gap and left.kind not in ("role",):
        return False  # "Russia the country": not one phrase
    if left.kind == "role" and right.kind in ("state", "demonym") and not gap:
        return False  # "leader Russia" is not one phrase
    return sent_of(doc, left.start) == sent_of(doc, right.start)


def _title_words(gap, left: Part, right: Part) -> bool:
    """'U.N. peacekeeping chief', 'EU foreign policy chief': up to two lowercase nouns or adjectives
    between an organisation or state and a title word belong to the title."""
    if left.kind not in ("org", "state", "demonym") or right.kind != "role" or not 0 < len(gap) <= 2:
        return False
    if all(t.is_lower and t.is_alpha and t.pos_ in ("NOUN", "ADJ") for t in gap):
        return True
    # "Syrian Kurdish fighters", "British Muslim suicide bombers": a community's adjective on the role word
    return left.kind == "demonym" and all(t.is_alpha and t.text[:1].isupper() and t.dep_ in ("amod", "compound") and
                                      right.start <= t.head.i < right.end for t in gap)


def role_stands(head, organ: bool) -> bool:
    """Whether a role word standing alone names an actor where it stands: a noun of its own ("the police"),
    the unit it heads ("a police patrol"), an organ's possessive ("the government army's sites"); not a
    modifier ("police violence", "missile and drone attacks") nor people's possessive ("citizens' rights")."""
    first = first_conjunct(head)  # "missile and drone attacks": as "missile"
    unit = first.dep_ in ("compound", "amod", "nmod") and first.head.lower_ in UNIT_NOUNS
    if head.pos_ not in ("NOUN", "PROPN", "ADJ") or (head.pos_ == "ADJ" and not unit):
        return False
    if first.dep_ in ("amod", "compound", "nmod"):
        return unit
    return first.dep_ != "poss" or organ


def sent_of(doc, i: int) -> int:
    return doc[i].sent.start


def _phrase(doc, parts: list[Part], sent_index) -> Phrase | None:
    head = parts[-1]
    phrase = Phrase(parts[0].start, head.end, list(parts), sent_index.get(parts[0].start, 0))
    if all(p.kind == "role" for p in parts):  # "prison guards", "the government army": roles alone
        phrase.extra["bare_role"] = True
    if head.kind == "demonym":
        tok = doc[head.end - 1]
        # an adjective before a word that is no actor ("Chinese strategy", "Russian Far East")
        if tok.dep_ in ("amod", "compound", "nmod") and tok.head.i >= head.end:
            phrase.extra["attribute"] = True
    head_tok = _root(doc, phrase.start, phrase.end)
    if head.kind in ("ner_place", "place"):
        phrase.place = True
    if head.kind in ("capital", "state", "org"):
        prep = None
        if head_tok.dep_ == "pobj":
            prep = head_tok.head.lower_
            carrier = head_tok.head.head
            if prep in RECIPIENT_PREPS and carrier.pos_ in ("VERB", "NOUN") and carrier.lemma_.lower() not in MOTION:
                prep = None  # "cut aid to Hanoi", "a message to Moscow": the capital receives, as its government
        elif head_tok.dep_ in ("dep", "ROOT", "") and head_tok.pos_ in ("X", ""):  # an unparsed sentence
            before = phrase.start - 1
            if before >= 0 and doc[before].lower_ == "the":
                before -= 1
            prep = doc[before].lower_ if before >= 0 else None
        if prep and ((head.kind == "capital" and prep in LOCATIVE_CITY) or (head.kind == "state" and prep in LOCATIVE_ALL)):
            phrase.place = True
    phrase.extra["root"] = head_tok.i
    return phrase


def _root(doc, start: int, end: int):
    span = doc[start:end]
    return span.root


def clean_name(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", " ".join(text.split())).strip(" ,.’'")


def unknown_name(doc, ph, items) -> bool:
    """The phrase's capitalised head closes a name of several words ("Eurasia Economic Union", not
    "Federal Police"): two or more capitalised proper nouns compounded onto it that no phrase of `items`
    (the resolver's, each with `.phrase`) covers."""
    head = doc[ph.end - 1]
    if not head.text[:1].isupper() or ph.start < 2:
        return False
    covered = {i for it in items if it.phrase is not None for i in range(it.phrase.start, it.phrase.end)}
    words = 0
    for tok in reversed(doc[doc[ph.start].sent.start:ph.start]):
        if tok.pos_ != "PROPN" or tok.dep_ != "compound" or not tok.text[:1].isupper() or tok.i in covered:
            break
        words += 1
    return words >= 2


def name_goes_on(tok, taken) -> bool:
    """'the Colombian Sergeant Pablo Emilio Moncayo': a capitalised name running on past the token (not into a
    date, a place or a name already found) is someone's full name, not the lone surname of an office-holder."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.pos_ == "PROPN" and nxt.i not in taken and nxt.text[:1].isupper() and \
        nxt.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "NORP")
