"""The event coder: CAMEO events from the dependency parse, one per (source, target) pair.

For every verb or event noun that a pattern names, the coder finds the source (the subject, the
agent of a passive, the possessor of an event noun, the subject of the verb that carries it) and the
target (the object, a prepositional object, the subject of a complement clause), maps both to
actor mentions, and writes one event per dyad with the pattern id, the offsets and a confidence.
Negated predicates are dropped unless the pattern has a code for the refusal; predicates under a
modal or an intent verb take the intent code (036 for a planned visit); predicates inside a request
or a condition are not coded. Precision comes first: an argument that holds no actor gives no event.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace

from dyads.components import event_rules, generic, matching, syntax
from dyads.components.arguments import Arg as _Arg, attributed, in_slot, mention_index, named, named_span, place_targets
from dyads.components.classifier import EventClassifier
from dyads.components.nlp import Segment
from dyads.components.token_arrays import parsed_sentences
from dyads.model.actors import ActorRef, Mention
from dyads.model.events import Event
from dyads.ontology.cameo import CAMEO_VERSION, ONTOLOGY_VERSION, EventCode
from dyads.ontology.lexicon import load_lexicon
from dyads.ontology.patterns import Pattern, PatternSet

_LEX = load_lexicon()  # the word lists and code tables: ontology/data/lexicon.yaml
# A stated intention to cooperate takes CAMEO's intent codes; a stated intention of verbal conflict
# is itself verbal conflict (keep the code); a stated intention of material conflict is a threat.
INTENT_CODE = _LEX.table("intent_codes")
THREAT_CODE = _LEX.table("threat_codes")  # "threatened to X": CAMEO's threats by what is threatened
KEEP_UNDER_INTENT = _LEX.words("keep_under_intent")
# Under a modal ("may visit", "would impose"), only cooperation is coded, as an intent; conflict that
# may happen is speculation.
MODAL_CODE = _LEX.table("modal_codes")
INTENT_OFFERS = _LEX.words("intent_offers")
MUTUAL_INTENT = _LEX.words("mutual_intent_heads")
AGREED_ROOTS = _LEX.words("agreed_roots")
STATED_INTENT = Pattern(id="030-stated-intent", code="030", verbs=("offer", "agree", "pledge", "promise"))
THREAT_ONLY = _LEX.words("threat_only_verbs")
STATED_THREAT = Pattern(id="130-stated-threat", code="130", verbs=tuple(sorted(THREAT_ONLY)))
OBJECT_PREPS = _LEX.words("object_preps")
FALLBACK_PREPS = _LEX.words("fallback_preps")
COLLECTIVE = _LEX.words("collective_nouns")


class EventCoder:
    def __init__(self, patterns: PatternSet, cameo: dict[str, EventCode], classifier: EventClassifier | None = None):
        self.patterns = patterns
        self.cameo = cameo
        self.classifier = classifier

    # -- per document -----------------------------------------------------------------------------
    def code(self, document_id: str, segments: list[Segment], mentions: list[Mention]) -> list[Event]:
        events: list[Event] = []
        statements: list[list[ActorRef]] = []  # authors of the statements met so far, in order
        for seg in segments:
            index, parsed = mention_index(seg, [m for m in mentions if m.segment == seg.name]), parsed_sentences(seg.doc)
            for s_index, sent in ((k, sent) for k, sent in enumerate(seg.doc.sents) if parsed[k]):  # bare: no event
                found = [e for tok in sent
                         for e in self._predicate(document_id, seg, s_index, sent, tok, index, statements)]
                demands = generic.obligations(self, document_id, seg, s_index, sent, index, statements)
                if demands:  # "said that Libya must hand over": the demand, not the statement
                    spans = {d.predicate_span for d in demands}
                    found = [e for e in found if not (e.root == "01" and e.predicate_span in spans)] + demands
                found = event_rules.background(event_rules.most_specific(event_rules.governed(found, seg.doc)), seg.doc)
                if self.classifier is not None:
                    prediction = self.classifier.predict(sent.text)
                    if found:
                        event_rules.weigh(found, prediction)
                    else:
                        found = generic.propose(self, document_id, seg, s_index, sent, prediction, index, statements)
                events.extend(found)
        return event_rules.dedupe(events)

    def empty_arg(self, tok) -> _Arg:
        """The explicit empty side of a one-sided event (CAMEO leaves it blank)."""
        return _Arg([generic.EMPTY], (tok.idx, tok.idx), False)

    def _predicate(self, doc_id, seg, s_index, sent, tok, index, statements) -> list[Event]:
        lemma = tok.lemma_.lower()
        if syntax.predicated(tok):
            candidates = next((self.patterns.by_verb[w] for w in syntax.lemmas(tok) if w in self.patterns.by_verb), ())
            pattern = self._match_verb(tok, candidates)
            events = [] if pattern is None else \
                self._verb_events(doc_id, seg, s_index, sent, tok, pattern, index, statements)
            # "agreed to resign", "is willing to withdraw its troops": a pattern's act with no one to receive
            # it, offered or pledged, is still the stated intent
            return events or self._stated_intent(doc_id, seg, s_index, sent, tok, index, statements)
        if tok.pos_ in ("NOUN", "PROPN"):
            candidates = self.patterns.by_noun.get(lemma, ()) or self.patterns.by_noun.get(tok.lower_, ())
            pattern = self._match_noun(tok, candidates)
            if pattern is None:
                return []
            return self._noun_events(doc_id, seg, s_index, sent, tok, pattern, index, statements)
        return []

    def _stated_intent(self, doc_id, seg, s_index, sent, tok, index, statements) -> list[Event]:
        """'Libya offered to hand over two nationals to Britain', 'Norway is willing to send material to
        Saudi Arabia': an offer or pledge to do something no pattern names is CAMEO 030, an expressed
        intent to cooperate, toward the actor the complement names; a threat to do it ('Iran threatened to
        cut off electricity to Armenia') is 130."""
        head, complement = tok.head, syntax.dep_of(tok) == "xcomp"
        threatened = complement and head.lemma_.lower() in THREAT_ONLY
        offered = complement and (head.lemma_.lower() in INTENT_OFFERS or head.lower_ in syntax.READY_WORDS)
        if not (offered or threatened) or syntax.negated(head) or \
                syntax.modality(head) in ("hypothetical", "threat") or syntax.modality(tok) == "hypothetical" or \
                (tok.lemma_ in syntax.ASPECT_VERBS and any(c.dep_ == "xcomp" for c in tok.children)):
            return []  # "prepared to resume shelling": the shelling is the act; "must be ready to mediate": a norm
        verb = head if head.pos_ in ("VERB", "AUX") else head.head  # "is willing to": the copula carries it
        subj, passive = syntax.subjects(verb)
        if passive:
            return []
        sources, preps = self._args(subj, index, statements), {"to", "with", "for"}
        objs = syntax.direct_objects(tok)  # "to provide a loan guarantee to Ukraine": the parser hangs "to" on it
        targets = self._args(objs, index, statements) or \
            self._args(syntax.prep_objects(tok, preps), index, statements, deep=True) or \
            self._args([g for o in objs for g in syntax.prep_objects(o, OBJECT_PREPS | preps)], index, statements)
        pattern = STATED_THREAT if threatened else STATED_INTENT
        targets = [a for a in targets if any(r not in _flat(sources) for r in a.refs)]
        if not targets:  # "agreed to lift a ban on imports of Egyptian farm products": the state the thing is of
            things = [t for t in tok.subtree if t.pos_ in ("NOUN", "PROPN") and t.i != tok.i]
            targets = [a for a in attributed(things, index) if any(r not in _flat(sources) for r in a.refs)][:1]
        if not targets and offered and head.lemma_.lower() in MUTUAL_INTENT and len(_flat(sources)) >= 2:
            return self._group_events(doc_id, seg, s_index, sent, tok, pattern, sources, "asserted", False)
        if not targets and sources and pattern.code in generic.ONE_SIDED_CODES:  # "Akayev agreed to resign"
            targets = place_targets(tok, pattern.code, index, _flat(sources)) or [self.empty_arg(tok)]
        return self._emit(doc_id, seg, s_index, sent, tok, pattern, sources, targets, "asserted", False, not subj)

    # -- matching ---------------------------------------------------------------------------------
    def _match_verb(self, tok, candidates) -> Pattern | None:
        return matching.match_verb(tok, candidates)

    def _match_noun(self, tok, candidates) -> Pattern | None:
        return matching.match_noun(tok, candidates)

    # -- verbs ------------------------------------------------------------------------------------
    def _verb_events(self, doc_id, seg, s_index, sent, tok, pattern, index, statements) -> list[Event]:
        mode = syntax.modality(tok)
        negated = syntax.negated(tok)
        subj_toks, passive = syntax.subjects(tok)
        subj_toks = [t for t in subj_toks if not syntax.crosses_quote(tok.doc, t.i, tok.i) or t.head.i == tok.i]
        subj_toks += syntax.headline_subjects(tok, subj_toks)
        if passive:
            sources = self._args(syntax.agents(tok), index, statements)
            targets = self._args(subj_toks, index, statements)
            if not targets and pattern.target_preps:  # "grenades were hurled at a police patrol"
                targets = self._args(syntax.prep_objects(tok, pattern.target_preps), index, statements, deep=True)
        else:
            sources = self._args(subj_toks, index, statements) or \
                generic.speaker(self, tok, subj_toks, index, statements)  # "Russia said it is skeptical"
            targets = self._targets(tok, pattern, index, statements, _flat(sources))
        climbed = not any(c.dep_ in syntax.SUBJ + ("nsubjpass",) for c in tok.children)
        if pattern.code == "010" and any(c.dep_ == "xcomp" for c in tok.children):
            pattern = replace(pattern, code="020")  # "told Lukashenko to attack": a request, not a statement
        mutual = pattern.symmetric or tok.lemma_.lower() in MUTUAL_INTENT
        # "Trump and Putin agreed to share information on North Korea": a cooperative act the members of a
        # coordinated subject agree on is between them; an actor reached only indirectly is its topic
        agreed = tok.dep_ == "xcomp" and tok.head.lemma_.lower() in MUTUAL_INTENT and pattern.code[:2] <= "08"
        if targets and (pattern.symmetric or agreed) and not passive and len(_flat(sources)) >= 2 and \
                not in_slot(tok, pattern, targets):
            targets = []
            mutual = True
        if not targets and not passive and mutual and len(_flat(sources)) >= 2:
            # "the EU and Mercosur agreed on a trade deal", "Armenia and Azerbaijan agreed to a ceasefire":
            # each with the other
            return self._group_events(doc_id, seg, s_index, sent, tok, pattern, sources, mode, negated)
        refusal = (negated or mode == "refused") and pattern.negated_code in generic.ONE_SIDED_CODES  # "declined to comment"
        if pattern.code[:2] in generic.ONE_SIDED or pattern.code in generic.ONE_SIDED_CODES or refusal:  # "protesters marched in Nairobi", "a police post was shelled"
            if sources and not targets:  # "declined to resign despite Biden's request": the one defied
                defied = generic.defied(self, tok, index, statements, _flat(sources)) if mode == "refused" or negated else []
                targets = defied or place_targets(tok, pattern.code, index, _flat(sources)) or [self.empty_arg(tok)]
            elif targets and not sources and passive:
                sources = [self.empty_arg(tok)]
            elif targets and not sources and (act := generic.violent_subject(self, subj_toks)) is not None:
                sources = generic.noun_agents(self, subj_toks, index, statements) or [self.empty_arg(tok)]
                pattern = act  # "a roadside bombing killed a US soldier": no one named; "shelling by X": X
        return self._emit(doc_id, seg, s_index, sent, tok, pattern, sources, targets, mode, negated, climbed)

    def _targets(self, tok, pattern: Pattern, index, statements, sources=()) -> list[_Arg]:
        """The first place that holds an actor other than the source: the pattern's own slot, then the
        object's prepositions, then the verb's."""
        def fresh(args: list[_Arg]) -> list[_Arg]:
            return [a for a in args if any(r not in sources for r in a.refs)]

        objs = syntax.direct_objects(tok)
        if pattern.target == "clause_subject":
            found = fresh(self._args(syntax.clause_subjects(tok), index, statements))
            if found:
                return found
        visit = pattern.code.startswith("04")  # "arrived in Amman", "travelled to Beijing": the host state
        if pattern.target == "prep" and pattern.prep:
            found = fresh(self._args(syntax.prep_objects(tok, PREP_VARIANTS.get(pattern.prep, {pattern.prep})), index,
                                     statements, deep=True, places=visit))
            if found:
                return found
        if pattern.target == "object":
            found = fresh(self._args(objs, index, statements, deep=True))
            if found:
                return found
        preps = set(pattern.target_preps) | ({pattern.prep} if pattern.prep else set())
        if pattern.target in ("none", "object") and not pattern.target_preps:
            # "signed a deal with Iran"; but "attacked the city with drones": the means of a violent act
            preps |= {"on", "against", "to"} | ({"with"} if pattern.code[:2] not in event_rules.VIOLENCE else set())
        if preps:
            for obj in objs:  # "deepened its ties with Pyongyang", "expressed concern over Washington's ..."
                found = fresh(self._args(syntax.prep_objects(obj, preps), index, statements, deep=True))
                if found:
                    return found
            found = fresh(self._args(syntax.prep_objects(tok, preps), index, statements, deep=True))
            if found:
                return found
        if pattern.target == "object" and objs:
            # the parser often hangs the object's modifier on the verb: "oppose the acts ... by the US"
            found = fresh(self._args(syntax.prep_objects(tok, FALLBACK_PREPS), index, statements))
            if found:
                return found
        for obj in objs:  # "lifts embargo on arms sales to Vietnam": the parser hangs "to" on the object
            found = fresh(self._args(syntax.prep_objects(obj, OBJECT_PREPS - preps), index, statements, deep=True))
            if found:
                return found
        datives = [c for c in tok.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON")]
        if datives:  # "would give Nigeria technical assistance"
            found = fresh(self._args(datives, index, statements))
            if found:
                return found
        found = fresh(attributed(objs + syntax.prep_objects(tok, preps) +
                                      [g for o in objs for g in syntax.prep_objects(o, preps)], index)) or \
            fresh(generic.purpose_targets(self, tok, pattern.code, index, statements))
        if found:  # "threatened to attack 52 Iranian sites": the state the sites belong to
            return found
        if pattern.object and objs:
            # the owner of the thing acted on: "rejected Putin's proposal", "lifted the US embargo"
            found = fresh([a for a in (self._owner(o, index) for o in objs) if a is not None])
            if found:
                return found
            found = place_targets(tok, pattern.code, index, sources)
            if found:  # "imposed a curfew in parts of Kashmir": the place, before any actor further away
                return found
            # "lifted sanctions imposed on India": the actor the object's clause names; not the object the
            # pattern names itself ("displayed tanks": the tanks are the display, not its target)
            acted = [o for o in objs if o.lemma_.lower() in pattern.object or o.lower_ in pattern.object]
            return [a for a in generic.nearest_other(self, tok, index, statements, sources)
                    if not any(o.idx <= a.span[0] < o.idx + len(o) for o in acted)]
        return []

    def _owner(self, obj, index) -> _Arg | None:
        for c in obj.children:
            if c.dep_ in ("poss", "compound", "nmod") and c.i in index:
                m = index[c.i]
                refs = [r for r in m.refs if r.key]
                if refs and not m.place and not m.attribute:
                    return _Arg(refs, (m.start, m.end), False)
        return None

    # -- nouns ------------------------------------------------------------------------------------
    def _noun_events(self, doc_id, seg, s_index, sent, tok, pattern, index, statements) -> list[Event]:
        np_ = syntax.effort_head(tok)  # "a mediation effort between X and Y": the effort's phrase is the act's
        if not syntax.eventive_noun(np_):
            return []
        if syntax.reversed_noun(np_):
            return []  # "lifted sanctions", "sanctions were lifted": the verb's own pattern codes the reversal
        if syntax.discussed(np_) or syntax.asked_for(np_):
            return []  # "negotiations on an Israeli troop pullback", "called for talks": discussed or asked for
        verb = syntax.light_verb(np_)
        mode = "asserted"
        negated = False
        possessors = [c for c in np_.children if c.dep_ == "poss"]
        compounds = [c for c in (*tok.children, *np_.children) if c.dep_ in ("compound", "amod", "nmod") and c.i in index]
        sources = self._args(possessors, index, statements) or self._args(compounds, index, statements) or \
            generic.noun_agents(self, [np_], index, statements)  # "the shelling of Donetsk by Ukrainian forces"
        between = [] if sources or not pattern.symmetric or pattern.prep == "between" else \
            self._args(syntax.prep_objects(np_, {"between"}) or
                       (syntax.prep_objects(verb, {"between"}) if verb is not None else []), index, statements, deep=True)
        climbed = False
        carrier = None if between else verb
        if carrier is None and not between and np_.dep_ == "pobj" and np_.head.lower_ in syntax.TEMPORAL_PREPS and \
                np_.head.head.pos_ in ("VERB", "AUX") and syntax.takes_part(np_.head, pattern.code, pattern.symmetric):
            carrier = np_.head.head  # "During talks with Japan, South Korea raised ...": the clause's subject
        if not sources and carrier is not None:
            subj_toks, passive = syntax.subjects(carrier)
            if not passive:
                sources = self._args(subj_toks, index, statements)
                climbed = True
        if verb is not None:
            mode = syntax.modality(verb)
            if verb.lemma_ in syntax.NOMINAL_INTENT and mode == "asserted" and not (
                    verb.lemma_ in MUTUAL_INTENT and pattern.code[:2] in AGREED_ROOTS):  # "agreed to a deal": reached
                mode = "intent"
            negated = syntax.negated(verb)
        elif np_.dep_ == "pobj" and np_.head.dep_ == "prep":
            mode = syntax.modality(np_.head.head) if np_.head.head.pos_ in ("VERB", "AUX") else "asserted"
            if mode not in ("intent", "modal"):
                mode = "asserted"
        if syntax.refused_noun(np_):  # "reneged on an accord with Iran": refused, not reached
            mode = "refused"
        if between:  # "clashes between Hindu and Muslim gangs": a mutual act's sides named in it
            if len(_flat(between)) >= 2:
                return self._group_events(doc_id, seg, s_index, sent, tok, pattern, between, mode, negated)
            return []
        preps = ({pattern.prep} if pattern.prep else set()) | set(pattern.target_preps) | \
            generic.patient_preps(pattern) | ({"with", "to", "against", "on"} if pattern.target == "none" else set())
        targets = self._args(syntax.prep_objects(np_, preps), index, statements, deep=True, places=True)
        if not targets and verb is not None:
            targets = self._args(syntax.prep_objects(verb, preps), index, statements, deep=True, places=True)
        if (pattern.symmetric and len(_flat(sources)) >= 2) or any(not a.place for a in targets):
            targets = [a for a in targets if not a.place]  # "signed a statement in Moscow", "a rally in Berlin"
        if not targets and pattern.symmetric and sources and len(_flat(sources)) >= 2:
            return self._group_events(doc_id, seg, s_index, sent, tok, pattern, sources, mode, negated)
        if tok.lemma_.lower() in syntax.DOC_NOUNS and sources:
            statements.append(_flat(sources))
        if not targets and sources and pattern.code in generic.ONE_SIDED_CODES:  # "announced his resignation"
            targets = place_targets(np_, pattern.code, index, _flat(sources)) or [self.empty_arg(tok)]
        return self._emit(doc_id, seg, s_index, sent, tok, pattern, sources, targets, mode, negated, climbed,
                          nominal=True)

    def _group_events(self, doc_id, seg, s_index, sent, tok, pattern, sources, mode, negated,
                      weight: float = 1.0) -> list[Event]:
        """'their summit', 'Xi and Putin released a joint statement': every pair within the group."""
        refs = _flat(sources)
        span = {}  # each member's own words: "Both Russia and the Syrian government"
        for arg in sources:
            for r in arg.refs:
                span.setdefault(id(r), arg.span)
        events = []
        for a in refs:
            for b in refs:
                if a is not b and a.key != b.key:
                    events.extend(self._emit(doc_id, seg, s_index, sent, tok, pattern, [_Arg([a], span[id(a)], True)],
                                             [_Arg([b], span[id(b)], True)], mode, negated, False, nominal=True,
                                             symmetric_done=True, weight=weight))
        return events

    # -- arguments --------------------------------------------------------------------------------
    def _args(self, toks, index, statements, deep: bool = False, places: bool = False) -> list[_Arg]:
        out: list[_Arg] = []
        for head in toks:
            for tok in syntax.expand_conj(head):
                arg = self._actor_at(tok, index, statements, places)
                own = attributed([tok], index) if arg is None and deep else []
                if own:  # "concern about the North Korean standoff", "the Russian and Ukrainian delegations"
                    out.extend(a for a in own if all(a.span != o.span for o in out))
                    continue
                if arg is None and deep:
                    for node, depth in syntax.subtree_bfs(tok):
                        if depth == 0 and node.i == tok.i:
                            continue
                        arg = self._actor_at(node, index, statements, places, direct=False)
                        if arg is not None:
                            break
                if arg is not None and all(arg.span != o.span for o in out):
                    out.append(arg)
        return out

    def _actor_at(self, tok, index, statements, places: bool, direct: bool = True) -> _Arg | None:
        mention = index.get(tok.i)
        if mention is not None and mention.refs and not mention.attribute:
            if mention.place and not places and not _aimed_at_state(tok, mention):
                return None
            refs = [r for r in mention.also + mention.refs if r.key or named(r, mention)]
            if refs:
                return _Arg(refs, named_span(tok, mention, index), direct, place=mention.place)
        if tok.lemma_.lower() in syntax.DOC_NOUNS:
            owner = [c for c in tok.children if c.dep_ == "poss"]
            for o in owner:
                m = index.get(o.i)
                if m is not None and m.refs:
                    return _Arg([r for r in m.refs if r.key], (m.start, m.end), False)
            if statements:
                return _Arg(statements[-1], (tok.idx, tok.idx + len(tok)), False)
        for c in tok.children:  # "his counterpart, Vladimir Putin": the apposition names the actor
            if c.dep_ == "appos" and c.i in index and tok.i not in index:
                arg = self._actor_at(c, index, statements, places, direct)
                if arg is not None:
                    return arg
        if tok.lower_ in COLLECTIVE or tok.pos_ == "NUM":  # "Thousands of students": the students
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            arg = self._actor_at(obj, index, statements, places, direct)
                            if arg is not None:
                                return arg
        act = tok.lemma_.lower() in self.patterns.by_noun  # "the Israeli air strike": an act is its agent's
        for c in tok.children:  # "US policies", "Washington's attempts" (not "his counterpart")
            if c.dep_ in ("compound", "poss", "nmod") + (("amod",) if act else ()) and c.i in index and direct:
                m = index[c.i]
                if m.refs and not m.place and (act or not m.attribute) and m.refs[0].key and m.rule != "pronoun":
                    return _Arg([r for r in m.refs if r.key], (m.start, m.end), False)
        return None

    # -- emitting ---------------------------------------------------------------------------------
    def _emit(self, doc_id, seg, s_index, sent, tok, pattern, sources, targets, mode, negated, climbed,
              nominal: bool = False, symmetric_done: bool = False, weight: float = 1.0) -> list[Event]:
        if mode in ("hypothetical", "alleged") or not sources or not targets:
            return []
        code = pattern.code
        if mode == "refused":
            negated, mode = True, "asserted"
        if mode == "considered":
            code, mode = "014", "intent"
        if mode == "threat":
            threat = pattern.intent if pattern.intent and pattern.intent.startswith("13") else THREAT_CODE.get(code[:2])
            if not threat or negated:
                return []
            code, mode = threat, "asserted"
        elif negated:
            if not pattern.negated_code:
                return []
            code, mode = pattern.negated_code, "negated"
        elif mode == "intent" and code[:2] not in KEEP_UNDER_INTENT:
            intent = pattern.intent or INTENT_CODE.get(code[:2])
            if not intent:
                return []
            code = intent
        elif mode == "modal" and code[:2] not in ("01", "02", "03"):
            modal = pattern.intent if code[:2] in MODAL_CODE and pattern.intent else MODAL_CODE.get(code[:2])
            if not modal:
                return []
            code, mode = modal, "intent"
        info = self.cameo.get(code)
        if info is None:
            return []
        events = []
        pattern_code = code
        embedded = syntax.embedded(tok)
        group = f"{seg.name}:{tok.i}" if len(sources) * len(targets) > 1 or pattern.symmetric else None
        pairs = [(s, t) for s in sources for t in targets]
        if pattern.symmetric and not symmetric_done and not negated:  # a refusal is its subject's alone
            pairs += [(t, s) for s, t in pairs if not t.place and generic.EMPTY not in t.refs]  # a truce declared alone
        for src_arg, tgt_arg in pairs:
            for src in src_arg.refs:
                for tgt in tgt_arg.refs:
                    code = event_rules.by_actors(pattern_code, src, tgt)
                    info = self.cameo[code]
                    if not event_rules.plausible_dyad(src, tgt, code):
                        continue
                    confidence = (0.9 - 0.1 * climbed - 0.1 * (not src_arg.direct) - 0.15 * (not tgt_arg.direct)
                                  - 0.05 * nominal - 0.05 * (mode != "asserted") - 0.1 * embedded) * weight
                    ident = hashlib.sha1(f"{doc_id}|{seg.name}|{tok.idx}|{pattern.id}|{src.code}|{src.name}|"
                                         f"{tgt.code}|{tgt.name}|{code}".encode()).hexdigest()[:16]
                    events.append(Event(
                        id=ident, document_id=doc_id, segment=seg.name, sentence_index=s_index, sentence=sent.text,
                        sentence_start=sent.start_char, code=code, name=info.name, root=code[:2],
                        goldstein=info.goldstein, quad=info.quad, penta=info.penta, plover=info.plover,
                        source=src, target=tgt, source_span=src_arg.span, target_span=tgt_arg.span,
                        predicate_span=(tok.idx, tok.idx + len(tok)), predicate=tok.text, pattern=pattern.id,
                        confidence=round(max(confidence, 0.05), 2), mode=mode, group=group,
                        cameo_version=CAMEO_VERSION, ontology_version=ONTOLOGY_VERSION))
        return events


PREP_VARIANTS = matching.PREP_VARIANTS
AIMED_PREPS = generic.AIMED_PREPS


def _aimed_at_state(tok, mention: Mention) -> bool:
    """'fired missiles at Israel', 'hit out at Colombia': a country after a preposition of aim is the
    target, though the reader took it for a place."""
    head = tok.head if tok.dep_ == "pobj" else None
    return head is not None and head.lower_ in AIMED_PREPS and bool(mention.refs) and \
        all(r.kind == "state" for r in mention.refs)


_flat = generic.flat_refs
