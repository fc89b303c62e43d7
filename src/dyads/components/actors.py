"""Actors: each phrase resolved to a state, organisation, office-holder or outlet at the article's
date, then document-level aliases, descriptions, "the latter/former", groups and pronouns.

Rules, in order (each mention records the one that fired):
  kb           a KB name ("Xi Jinping", "NATO", "Beijing" as the government's metonym)
  context      a name outside the KB typed by its modifiers ("Kremlin spokesman Dmitry Peskov")
  description  "the Russian leader" -> the office-holder on the date
  alias        "Xi" after "Xi Jinping" in the same article
  surname      "Putin" alone -> the only office-holder of that name on the date
  apposition   "Dmitry Peskov, the Kremlin spokesman" -> typed by the apposition
  latter/former, group ("the two leaders"), pronoun (he, his, they, their, its; "it" only as its clause's reporter)
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dyads.components.mentions import Gazetteer, Part, Phrase, clean_name, compose, name_goes_on, role_stands, \
    unknown_name
from dyads.components.nlp import Segment
from dyads.components.token_arrays import positions, sentence_numbers
from dyads.kb import KnowledgeBase
from dyads.components.coreference import (clause_subject, coordinations, distinct_refs, fronted, is_person_like,
                                          it_refers, last_person_with_office, owner_of, prefer_subject,
                                          reporter, stated_state)
from dyads.model.actors import Actor, ActorRef, Mention
from dyads.ontology.lexicon import load_lexicon

LEADER_OFFICES = {
    "leader": ("supreme_leader", "party_leader", "head_of_state", "head_of_government"),
    "president": ("head_of_state",),
    "prime minister": ("head_of_government",), "premier": ("head_of_government",), "pm": ("head_of_government",),
    "chancellor": ("head_of_government",),
    "foreign minister": ("foreign_minister",), "top diplomat": ("foreign_minister",),
    "secretary of state": ("foreign_minister",), "foreign secretary": ("foreign_minister",),
    "defence minister": ("defence_minister",), "defense minister": ("defence_minister",),
    "defense secretary": ("defence_minister",), "defence secretary": ("defence_minister",),
    "king": ("head_of_state",), "emperor": ("head_of_state",), "supreme leader": ("supreme_leader",),
    "secretary-general": ("secretary_general",), "secretary general": ("secretary_general",),
}
PARLIAMENTARY = {"GBR", "JPN", "DEU", "ITA", "IND", "CAN", "AUS", "ISR", "ESP", "NLD", "BEL", "SWE", "NOR", "DNK",
                 "IRQ", "PAK", "NZL", "IRL", "AUT", "GRC", "HUN", "CZE", "SVK", "THA", "MYS", "ETH", "ARM", "NPL"}
ORG_WORDS = re.compile(
    r"\b(?:Ministry|Party|Council|Committee|Commission|Company|Corp(?:oration)?|Group|Agency|Front|Army|Forces|"
    r"Bank|Union|Association|Institute|University|Court|Organi[sz]ation|Foundation|Movement|Brigades?|Network|"
    r"Federation|Authority|Office|Department|Service|Guards?|Militia|Alliance|League|Coalition|Fund|Center|Centre|"
    r"Inc|Ltd|LLC|Holdings|Industries|Airlines|News|Times|Post|Journal|Herald|Daily|Press|Television|Radio)\b")
DOMESTIC_ROLES_AT_HOME = {"GOV", "MIL", "COP", "OPP", "REB", "LEG", "JUD", "UAF"}
# Roles CAMEO codes without a state ('---OPP' protesters, '---UAF' gunmen) when none is read from the text.
ROLE_ONLY = {"OPP", "COP", "REB", "MIL", "CVL", "EDU", "LAB", "INS", "UAF", "CRM", "GOV", "JUD", "REF"}
UNKNOWN_STATE = "---"
_LEX = load_lexicon()
POPULATION_ROLES = _LEX.words("domestic_roles")  # people, not organs of a state: of the place they are in
BARE_ROLE_SKIP = {"MED", "PTY", "IGO", "NGO", "BUS", "EDU", "HLH", "ENV", "AGR"}
GENERIC_DETS = _LEX.words("generic_determiners")
COUNTED_DETS = _LEX.words("counted_determiners")
COUNTED_ROLES = _LEX.words("counted_roles")
HE = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
THEY = {"they", "them", "their", "theirs", "themselves"}
LAND_WORDS = {"country", "nation"}
IT = {"its", "it"}  # bare "it" only as the speaker of its clause: it is too often a statement or an expletive
POINTER_WORDS = {"latter", "former"} | HE | THEY | IT
GROUP_WORDS = {"leaders": "person", "sides": "any", "countries": "state", "nations": "state", "governments": "state",
               "presidents": "person", "ministers": "person", "neighbours": "state", "neighbors": "state"}
REFERENCE_WORDS = POINTER_WORDS | set(GROUP_WORDS)  # the words _references looks at


@dataclass
class _Item:
    order: tuple[int, int]  # (segment order, token index)
    segment: str
    sentence: int
    phrase: Phrase | None
    mention: Mention


class ActorResolver:
    """Resolve the actor phrases of one document. One instance per pipeline; no state between docs."""

    def __init__(self, kb: KnowledgeBase, gazetteer: Gazetteer):
        self.kb = kb
        self.gaz = gazetteer

    # -- public -----------------------------------------------------------------------------------
    def resolve(self, segments: list[Segment], when: dt.date | None,
                home: str | None = None) -> tuple[list[Mention], list[Actor]]:
        """`home`: the state of the article's dateline, the default country of domestic actors with
        none of their own ('police', 'protesters', 'the opposition') in sentences naming no state."""
        items: list = []
        registry: dict[str, list[tuple[tuple[int, int], ActorRef]]] = {}
        parts_by_seg = []
        for order, seg in enumerate(segments):
            parts = self.gaz.parts(seg.doc)
            parts_by_seg.append(parts)
            for part in parts:  # pass 1: full names, for the alias registry
                if part.kind == "person":
                    ref = self._person_ref(part, None, when)
                    for token in _name_tokens(ref.name) | _name_tokens(seg.doc[part.start:part.end].text):
                        registry.setdefault(token, []).append(((order, part.start), ref))
        phrases_by_seg = []
        unknown_people: dict[str, ActorRef] = {}  # surname -> a person named in full, outside the KB
        for seg, parts in zip(segments, parts_by_seg):
            for part in parts:  # NER took "Ishiba" or "Obama" for a place or an organisation
                text = seg.doc[part.start:part.end].text
                if part.kind in ("ner_org", "ner_place") and (
                        text in registry or (part.end - part.start == 1 and
                                             len(self.kb.surname_holders(text, when, former=True)) == 1)):
                    part.kind = "ner_person"
            taken = {i for p in parts for i in range(p.start, p.end)}
            for tok in map(seg.doc.__getitem__, positions(seg.doc, ("PROPN",))):  # "Ishiba", after "Shigeru Ishiba"
                if tok.i in taken or name_goes_on(tok, taken):  # "Sergeant Pablo Emilio ..."
                    continue
                if tok.text in registry or len(self.kb.surname_holders(tok.text, when)) == 1:
                    parts.append(Part(tok.i, tok.i + 1, "ner_person", tok.text))  # or "Modi" in a headline
            parts.sort(key=lambda p: p.start)
            phrases_by_seg.append(compose(seg.doc, parts, seg.text, seg.name.startswith("caption")))
        for order, (seg, phrases) in enumerate(zip(segments, phrases_by_seg)):
            seg_items: list = []
            bare: list[Phrase] = []
            for ph in phrases:
                refs, rule = self._resolve_phrase(seg.doc, ph, when, registry, (order, ph.start), seg_items)
                if not refs:
                    if ph.extra.get("bare_role"):
                        bare.append(ph)
                    continue
                mention = self._mention(seg, ph.start, ph.end, ph.sentence, ph.extra.get("root", ph.start), refs, rule,
                                        ph.place)
                mention.kind = ph.head.kind
                mention.attribute = bool(ph.extra.get("attribute"))
                mention.parts = [(p.kind, seg.doc[p.start].idx, seg.doc[p.end - 1].idx + len(seg.doc[p.end - 1]))
                                 for p in ph.parts]
                seg_items.append(_Item((order, ph.start), seg.name, ph.sentence, ph, mention))
            by_phrase = {id(it.phrase): it for it in seg_items if it.phrase is not None}
            for it in seg_items:  # "Russian and US navies": the US navy's mention also stands for Russia's
                for partner in (it.phrase.extra.get("partners", []) if it.phrase is not None else []):
                    other = by_phrase.get(id(partner))
                    if other is not None:
                        it.mention.also.extend(other.mention.refs)
            seg_items.extend(self._bare_roles(seg, order, bare, seg_items, home))
            seg_items.sort(key=lambda it: it.order)
            self._apposition(seg, seg_items)
            self._type_unknowns(seg_items, unknown_people)
            seg_items.extend(self._references(seg, order, seg_items))
            seg_items.sort(key=lambda it: it.order)
            items.extend(seg_items)
        mentions = [it.mention for it in items]
        return mentions, aggregate(mentions)

    # -- phrases ----------------------------------------------------------------------------------
    def _resolve_phrase(self, doc, ph: Phrase, when, registry, at, seg_items) -> tuple[list[ActorRef], str]:
        head = ph.head
        mods = ph.parts[:-1]
        country = next((p for p in reversed(mods) if p.kind in ("state", "demonym", "capital", "seat",
                                                                 "military_seat", "code")), None)
        org = next((p for p in reversed(mods) if p.kind == "org"), None)
        roles = [p for p in ph.parts if p.kind == "role"]
        role = roles[-1].ref if roles else None
        former = _is_former(doc, ph)
        if head.kind == "person":
            ref = self._person_ref(head, ph, when, former)
            stated = self._key_of(country) if country is not None and roles else None
            if stated and not former and ref.key != stated and stated in self.kb.states:
                # "Polish Prime Minister Donald Tusk": the title in the sentence over the KB's term of that day
                return [self._ref(stated, role or "GOV", ref.name, "person", person=ref.person)], "title"
            if role and not former and ref.role is None:  # "opposition leader Raila Odinga", undated
                return [self._ref(ref.key, role, ref.name, "person", person=ref.person)], "title"
            return [ref], "kb"
        if head.kind == "place":
            country, _ = self.kb.places.get(head.ref, (None, ""))
            # the code of its state, for when the place itself is acted on ("shelled Kharkiv": UKR)
            code = self.code_of(country, None) if country in self.kb.states else ""
            return [ActorRef(key=country, role=None, name=head.ref, kind="place", code=code)], "kb"
        if head.kind == "ner_place":
            return [ActorRef(key=None, role=None, name=clean_name(doc[head.start:head.end].text), kind="place",
                             in_kb=False)], "ner"
        if head.kind == "outlet":
            outlet = self.kb.outlets[head.ref]
            return [self._ref(outlet.country, "MED", outlet.name, "outlet")], "kb"
        if head.kind == "learned":
            key, lrole = self.gaz.learned[head.ref]
            return [self._ref(key, lrole, head.ref, "unknown", in_kb=False)], "learned"
        if head.kind == "ner_person":
            text = doc[head.start:head.end].text
            ref = self._alias(text, registry, at, when)
            if ref is not None:
                return [ref], "alias"
            key = self._key_of(country) or (self._org_key(org.ref) if org else None)
            if role is None and country is not None and country.kind == "seat":
                role = "GOV"
            return [self._ref(key, "ELI" if former else role, clean_name(text), "unknown", in_kb=False)], \
                "context" if key or role else "ner"
        if head.kind == "ner_org":
            text = clean_name(doc[head.start:head.end].text)
            key = self._key_of(country)
            if not key and not ORG_WORDS.search(text) and not (text.isupper() and len(text) >= 3):
                return [], ""  # NER's guess with nothing to back it ("Indo-Pacific")
            return [self._ref(key, role, text, "unknown", in_kb=False)], "context" if key else "ner"
        if head.kind == "org":
            top, unit = self._org_key(head.ref), head.ref
            org = self.kb.orgs[unit]
            return [self._ref(top, role or org.role, org.name, "org", unit=unit if unit != top else None)], "kb"
        if head.kind == "code":
            entry = self.kb.dated_codes.get(head.ref)
            code = entry.code_at(when) if entry is not None else None
            if not code:
                return [], ""
            key = self.kb.key_of_code(code)
            hrole = code[3:6] if len(code) >= 6 and code[:3] not in ("IGO", "NGO", "IMG") else (role or None)
            name = self.kb.states[key].name if key in self.kb.states else clean_name(doc[head.start:head.end].text)
            kind = "state" if key in self.kb.states or not code.startswith(("IGO", "NGO", "IMG")) else "org"
            return [self._ref(key, hrole, name, kind)], "dictionary"
        if head.kind in ("state", "capital", "seat", "military_seat", "demonym"):
            key = self._key_of(head)
            if key is None:
                return [], ""
            hrole = {"capital": "GOV", "seat": "GOV", "military_seat": "MIL"}.get(head.kind)
            state_name = self.kb.states[key].name if key in self.kb.states else key
            return [self._ref(key, hrole, state_name, "state")], "kb"
        if head.kind == "role":
            words = doc[head.start:head.end].text.lower()
            offices = _offices(words)
            if offices and (country or org) and not former:
                key = self._key_of(country) if country else self._org_key(org.ref)
                if offices[0] == "supreme_leader" and key in PARLIAMENTARY:
                    offices = ("head_of_government",)
                holder = self.kb.office_holder(key, offices, when) if key else None
                if holder is not None and ph.end - ph.start <= 4:
                    return [self._person_ref(Part(head.start, head.end, "person", holder.id), ph, when)], "description"
            if country or org:
                key = self._key_of(country) if country else self._org_key(org.ref)
                if key is None:
                    return [], ""
                name = (self.kb.states[key].name if key in self.kb.states else self.kb.orgs[key].name if key in self.kb.orgs
                        else key)
                return [self._ref(key, "ELI" if former else role, name, "org" if org and not country else "state")], "kb"
            if offices and doc[max(ph.start - 1, 0)].lower_ == "the":
                prior = last_person_with_office(seg_items, self.kb, offices, when)
                if prior is not None:
                    return [prior], "description"
            return [], ""
        return [], ""

    def _person_ref(self, head: Part, ph: Phrase | None, when, former: bool = False) -> ActorRef:
        person = self.kb.people[head.ref]
        term = person.term_at(when)
        if term is not None and not former:
            return self._ref(term.state, term.role, person.name, "person", person=person.id,
                             unit=None)
        last = person.last_term_before(when) if when else (max(person.terms, key=lambda t: t.start)
                                                             if former and person.terms else None)
        if last is not None:  # out of office at the date, or "former" said of an undated sentence
            return self._ref(last.state, "ELI", person.name, "person", person=person.id, former=True)
        first = person.first_term()
        key = first.state if first else None
        return self._ref(key, None, person.name, "person", person=person.id)

    def _alias(self, text: str, registry, at, when) -> ActorRef | None:
        tokens = text.replace("’s", "").replace("'s", "").split()
        if not tokens:
            return None
        token = tokens[-1] if len(tokens) == 1 else None
        if token is None:
            return None
        hits = registry.get(token, [])
        if hits:
            before = [h for h in hits if h[0] <= at] or hits
            return before[-1][1]
        holders = self.kb.surname_holders(token, when, former=True)
        if len(holders) == 1:
            p = holders[0]
            return self._person_ref(Part(0, 0, "person", p.id), None, when)
        return None

    # -- context ----------------------------------------------------------------------------------
    def _type_unknowns(self, items: list, people: dict[str, ActorRef]) -> None:
        """People outside the KB: 'Foreign Minister Peter Szijjarto said Budapest agreed' gives him the
        country of the one state in his sentence; 'Szijjarto' later is the same man."""
        for it in items:
            ref = it.mention.ref
            if ref is None or ref.kind != "unknown" or it.mention.kind not in ("ner_person", "learned"):
                continue
            if " " in ref.name:
                if ref.key is None and ref.role:
                    # other people's states say nothing of his ('US President Obama met President Kenyatta')
                    near = [(other.mention, r) for other in items if other.sentence == it.sentence and other is not it
                            for r in other.mention.refs if r.key in self.kb.states and not r.person
                            and r.kind != "unknown" and other.mention.kind != "reference"]
                    keys = {r.key for m, r in near if not m.place} or {r.key for m, r in near if m.place}
                    if len(keys) == 1:
                        ref = self._ref(keys.pop(), ref.role, ref.name, "unknown", in_kb=False)
                        it.mention.refs = [ref]
                        it.mention.rule = "context-country"
                people[ref.name.split()[-1]] = ref
            elif ref.name in people:
                it.mention.refs = [people[ref.name]]
                it.mention.rule = "alias"

    def _bare_roles(self, seg: Segment, order: int, bare: list[Phrase], items: list,
                    home: str | None = None) -> list:
        """'the opposition', 'a court', 'prison guards' with no country of their own take the one state named
        in the sentence ('A Zimbabwean court freed an activist'), else the one country of its places; people
        (not a state's organs) take the place's first ('Russian jets killed 20 civilians in Idlib')."""
        doc = seg.doc
        out = []
        for ph in bare:
            head = doc[ph.end - 1]
            if not role_stands(head, ph.head.ref in DOMESTIC_ROLES_AT_HOME):
                continue
            role = next((p.ref for p in ph.parts[:-1] if p.ref != "GOV"), ph.head.ref)  # "rebel commander": REB
            if (role in BARE_ROLE_SKIP and role not in ROLE_ONLY) or \
                    any(t.lower_ in GENERIC_DETS or (t.lower_ in COUNTED_DETS and role not in COUNTED_ROLES)
                        for t in doc[max(ph.start - 2, 0):ph.start]):
                continue  # reporters, parties; 'both parties', 'all sides', 'several officials' are no one in particular
            owner = owner_of(head, items, ph.sentence)
            if owner is not None:  # "the United Nations' envoy", "a spokesman for the Taliban": the owner's
                ref = owner if owner.kind != "state" or owner.role else self._ref(owner.key, role, owner.name, "state")
                mention = self._mention(seg, ph.start, ph.end, ph.sentence, ph.extra.get("root", ph.start), [ref],
                                        "owner", False)
                mention.kind = "role"
                out.append(_Item((order, ph.start), seg.name, ph.sentence, ph, mention))
                continue
            if unknown_name(doc, ph, items):
                continue  # "the Eurasia Economic Union": a role word closing a proper name the KB does not hold
            places = {r.key for it in items if it.sentence == ph.sentence and it.mention.place
                      for r in it.mention.refs if r.key in self.kb.states}
            keys, rule = {r.key for it in items if it.sentence == ph.sentence for r in it.mention.refs
                          if r.key and r.key in self.kb.states and it.mention.kind != "reference"
                          and not it.mention.place and not it.mention.attribute}, "context-country"
            if not keys or (len(keys) == 1 and role in POPULATION_ROLES and len(places) == 1):
                keys, rule = places, "place-country"
            if (stated := stated_state(head, items, ph.sentence, self.kb.states)) is not None:
                keys, rule = {stated}, "stated-country"  # "security forces in Guinea", "Israeli jets and tanks"
            if not keys and home and role in DOMESTIC_ROLES_AT_HOME:
                keys, rule = {home}, "dateline-country"
            if len(keys) > 1 or (role in BARE_ROLE_SKIP and keys and rule == "context-country"):
                continue
            if keys:
                key = keys.pop()
                ref = self._ref(key, role, self.kb.states[key].name, "state")
            elif role in ROLE_ONLY:  # 'protesters', 'police', 'gunmen' with no state in sight: CAMEO's ---OPP
                ref = ActorRef(key=UNKNOWN_STATE, role=role, name=doc[ph.start:ph.end].text,
                               kind="role", code=UNKNOWN_STATE + role, in_kb=False)
                rule = "role-only"
            else:
                continue
            mention = self._mention(seg, ph.start, ph.end, ph.sentence, ph.extra.get("root", ph.start), [ref],
                                    rule, False)
            mention.kind = "role"
            mention.parts = [(p.kind, doc[p.start].idx, doc[p.end - 1].idx + len(doc[p.end - 1])) for p in ph.parts]
            out.append(_Item((order, ph.start), seg.name, ph.sentence, ph, mention))
        return out

    def _apposition(self, seg: Segment, items: list) -> None:
        """'Dmitry Peskov, the Kremlin spokesman,': the apposition types an unknown person."""
        doc = seg.doc
        for left, right in zip(items, items[1:]):
            lref, rref = left.mention.ref, right.mention.ref
            if lref is None or rref is None or lref.kind != "unknown" or lref.key:
                continue
            gap = doc[left.phrase.end:right.phrase.start]
            if [t.text for t in gap if t.lower_ != "the"] != [","] or rref.kind != "state" or not rref.role:
                continue
            new = self._ref(rref.key, rref.role, lref.name, "unknown", in_kb=False)
            left.mention.refs = [new]
            left.mention.rule = "apposition"
            right.mention.refs = [new]
            right.mention.rule = "apposition"

    def _references(self, seg: Segment, order: int, items: list) -> list:
        """Pronouns, 'the latter/former', 'the two leaders': pointers to actors already named."""
        doc = seg.doc
        found: list = []
        taken: set[int] = set()
        for it in items:
            taken.update(range(it.phrase.start, it.phrase.end))
        groups = coordinations(doc, items)
        sent_of = sentence_numbers(doc)
        for tok in (doc[i] for i in positions(doc, lower=REFERENCE_WORDS) if i not in taken):
            low = tok.lower_
            here = int(sent_of[tok.i])
            refs: list[ActorRef] = []
            rule = ""
            start, end = tok.i, tok.i + 1

            def prior(window: int) -> list:
                return [it for it in items + found if it.order < (order, tok.i) and it.mention.refs
                        and not it.mention.place and not it.mention.attribute and it.sentence >= here - window]

            if low in ("latter", "former") and tok.i > 0 and doc[tok.i - 1].lower_ == "the" and \
                    (tok.i + 1 >= len(doc) or doc[tok.i + 1].pos_ not in ("NOUN", "PROPN", "ADJ")):
                people = distinct_refs(prior(1), "person")
                if len(people) >= 2:
                    refs, rule = [people[-1] if low == "latter" else people[-2]], low
                start = tok.i - 1
            elif low in GROUP_WORDS and tok.i > 0 and doc[tok.i - 1].lower_ in ("two", "both", "three"):
                kind = GROUP_WORDS[low]
                want = {"two": 2, "both": 2, "three": 3}[doc[tok.i - 1].lower_]
                cands = distinct_refs(prior(2), None if kind == "any" else kind)
                people = [g for g in groups if g[0] < (order, tok.i) and g[2] >= here - 3
                          and len({r.key for r in g[1] if r.person}) == want]
                if kind == "state" and people:  # "the two leaders ... both countries": the leaders' states
                    keys = list(dict.fromkeys(r.key for r in people[-1][1] if r.person))
                    cands = [self._ref(k, None, self.kb.states[k].name if k in self.kb.states else k, "state")
                             for k in keys]
                if len(cands) >= want:
                    refs, rule = cands[-want:], "group"
                start = tok.i - 1 - (doc[tok.i - 2].lower_ == "the" if tok.i > 1 else 0)
            elif low in HE and tok.pos_ in ("PRON", "X"):
                cands = [it for it in prior(2) if it.mention.ref and  # "called Erdogan and urged him": not the caller
                         (it.sentence != here or it.mention.head not in clause_subject(tok)) and
                         (it.mention.ref.person or (it.mention.ref.kind == "unknown" and is_person_like(it)))]
                if cands:
                    refs, rule = [(reporter(tok, cands, here) or prefer_subject(doc, cands)).mention.ref], "pronoun"
            elif low in THEY and tok.pos_ in ("PRON", "X"):
                near = [g for g in groups if g[0] < (order, tok.i) and g[2] >= here - 2]
                later = [g for g in groups if g[3] > tok.i and g[2] == here]
                speaker = reporter(tok, prior(0), here)  # "the rebels said they will release him"
                if later and fronted(tok):  # "During their summit, Putin and Xi ...": the group comes after
                    refs, rule = later[0][1], "pronoun"
                elif speaker is not None and not any(speaker.mention.refs[0] in g[1] for g in near):
                    refs, rule = speaker.mention.refs, "pronoun"
                elif near:
                    refs, rule = near[-1][1], "pronoun"
            elif low in IT and tok.pos_ in ("PRON", "X"):
                cands = [it for it in prior(1) if it.mention.ref and it.mention.ref.kind in ("state", "org")]
                if cands and (pick := it_refers(doc, tok, cands, here)):
                    refs, rule = [pick.mention.ref], "pronoun"
            else:
                continue
            if refs and tok.dep_ == "poss" and tok.head.lower_ in LAND_WORDS and tok.head.i == tok.i + 1:
                # "Putin said his country will not lift the ban": the state of whoever "his" is
                refs = [self._ref(k, None, self.kb.states[k].name, "state") for k in dict.fromkeys(r.key for r in refs)
                        if k in self.kb.states]
                end = tok.i + 2
            if refs:
                mention = self._mention(seg, start, end, here, tok.i, refs, rule, False)
                mention.kind = "reference"
                found.append(_Item((order, start), seg.name, here, None, mention))
        return found

    # -- helpers ----------------------------------------------------------------------------------
    def _mention(self, seg: Segment, start: int, end: int, sentence: int, head: int, refs, rule, place) -> Mention:
        span = seg.doc[start:end]
        return Mention(seg.name, span.start_char, span.end_char, span.text, sentence, head, list(refs), rule, place)

    def _key_of(self, part: Part | None) -> str | None:
        if part is None:
            return None
        if part.kind == "code":
            entry = self.kb.dated_codes.get(part.ref)
            code = entry.code_at(None) if entry is not None else None
            return self.kb.key_of_code(code) if code else None
        if part.kind == "org":
            return self._org_key(part.ref)
        return part.ref

    def _org_key(self, key: str) -> str:
        seen = set()
        while key in self.kb.orgs and self.kb.orgs[key].parent and key not in seen:
            seen.add(key)
            key = self.kb.orgs[key].parent
        return key

    def _ref(self, key, role, name, kind, person=None, unit=None, in_kb=True, former=False) -> ActorRef:
        return ActorRef(key=key, role=role, name=name, kind=kind, code=self.code_of(key, role), person=person,
                        unit=unit, in_kb=in_kb, former=former)

    def code_of(self, key: str | None, role: str | None) -> str:
        if key is None:
            return role or ""
        base = key
        if key in self.kb.states:
            base = self.kb.states[key].cameo
        elif key in self.kb.orgs:
            org = self.kb.orgs[key]
            if org.role is not None:  # a non-state group: its own CAMEO code, or country + role
                return org.cameo or f"{self.kb.states[org.country].cameo if org.country in self.kb.states else ''}{org.role}"
            base = org.cameo or "IGO"
        return base + (role or "")


def aggregate(mentions: list[Mention]) -> list[Actor]:
    actors: dict[tuple, Actor] = {}
    for m in mentions:
        if m.place or m.attribute:
            continue
        for ref in m.refs:
            ident = ref.identity()
            actor = actors.get(ident)
            if actor is None:
                actor = actors[ident] = Actor(id=f"a{len(actors) + 1}", key=ref.key, code=ref.code, role=ref.role,
                                              name=ref.name, kind=ref.kind, person=ref.person, unit=ref.unit,
                                              in_kb=ref.in_kb)
            if m.rule not in ("pronoun", "latter", "former", "group") and m.text not in actor.names:
                actor.names.append(m.text)
            actor.mentions.append((m.segment, m.start, m.end))
    return list(actors.values())


def _offices(words: str) -> tuple[str, ...] | None:
    words = words.lower().strip()
    if words in LEADER_OFFICES:
        return LEADER_OFFICES[words]
    return None


def _is_former(doc, ph: Phrase) -> bool:
    window = doc[max(ph.start - 2, 0):ph.end]
    return any(t.lower_ in ("former", "ex", "late") for t in window)


def _name_tokens(name: str) -> set[str]:
    words = name.replace("’s", "").split()
    if len(words) < 2:
        return set()
    return {words[0], words[-1]}
