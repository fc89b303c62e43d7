"""The learned event classifier: does a sentence report an event, and of which CAMEO root.

A linear model over word features (TF-IDF weighted unigrams, bigrams and crude stems; names written
with a capital inside the sentence are masked, so the model learns what was done, not who did it).
It is trained by `training/train.py` (`make train`) on the sentences the team wrote to
training/GUIDELINE.md, never on evaluation data, and ships as `data/event_model.npz`: vocabulary,
IDF weights, one weight row per class. At run time it needs only numpy, reads no network and no GPU.

Used by the coder in two ways: its probability of the rule-coded root adjusts the rules' confidence,
and where no rule fires it proposes a root that the coder fills with arguments from the parse.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import numpy as np

from dyads.ontology.cameo import load_cameo

MODEL_PATH = files("dyads.components") / "data" / "event_model.npz"
NONE = "none"
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|\d+(?:[.,]\d+)*")
_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s", "ly")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def features(text: str) -> list[str]:
    """The model's features of one sentence (also used by the trainer, so both see the same)."""
    words = []
    for i, match in enumerate(_TOKEN.finditer(text)):
        tok = match.group()
        if tok[0].isdigit():
            words.append("<num>")
        elif tok[0].isupper() and i > 0 and not tok.isupper():
            words.append("<name>")
        else:
            words.append(tok.lower().replace("’", "'"))
    out = []
    for w in words:
        if w[0] != "<":
            out.append("w:" + w)
            stem = _stem(w)
            if stem != w:
                out.append("s:" + stem)
    padded = ["<s>"] + words + ["</s>"]
    out.extend("b:" + a + "_" + b for a, b in zip(padded, padded[1:]) if not (a[0] == "<" and b[0] == "<"))
    return out


def penta(root: str) -> int:
    """Phoenix pentaclass of a CAMEO root, as the CAMEO table gives it."""
    return load_cameo()[root[:2]].penta


@dataclass(frozen=True)
class Prediction:
    label: str  # a CAMEO root ("01".."20") or "none"
    probability: float
    probabilities: dict[str, float]

    def of(self, root: str) -> float:
        return self.probabilities.get(root[:2], 0.0)

    def classes(self) -> list[float]:
        """Probabilities of the five pentaclasses (0 statement .. 4 material conflict)."""
        out = [0.0] * 5
        for root, p in self.probabilities.items():
            if root != NONE:
                out[penta(root)] += p
        return out

    def proposal(self, threshold: float) -> tuple[str, float] | None:
        """(root, probability of its pentaclass) when one pentaclass is more probable than no event and
        reaches `threshold`; the root is the most probable one in that class."""
        classes = self.classes()
        best = max(range(5), key=classes.__getitem__)
        if classes[best] < threshold or classes[best] < self.probabilities.get(NONE, 0.0):
            return None
        root = max((r for r in self.probabilities if r != NONE and penta(r) == best), key=self.probabilities.get)
        return root, classes[best]

    @property
    def event(self) -> float:
        """The probability that the sentence reports some event."""
        return 1.0 - self.probabilities.get(NONE, 0.0)


class EventClassifier:
    def __init__(self, vocabulary: list[str], idf: np.ndarray, coef: np.ndarray, intercept: np.ndarray,
                 classes: list[str], version: str = ""):
        self.index = {f: i for i, f in enumerate(vocabulary)}
        self.idf = idf.astype(np.float64)
        self.coef = coef.astype(np.float64)  # classes x features
        self.intercept = intercept.astype(np.float64)
        self.classes = list(classes)
        self.version = version
        self._recent: dict[str, Prediction] = {}  # the prefilter and the coder ask about the same sentences

    @classmethod
    def load(cls, path=None) -> "EventClassifier | None":
        source = path or MODEL_PATH
        try:
            with source.open("rb") if hasattr(source, "open") and not isinstance(source, str) else open(source, "rb") as fh:
                data = np.load(fh, allow_pickle=False)
                return cls(list(data["vocabulary"]), data["idf"], data["coef"], data["intercept"],
                           list(data["classes"]), str(data["version"]))
        except FileNotFoundError:
            return None

    def predict(self, text: str) -> Prediction:
        known = self._recent.get(text)
        if known is not None:
            return known
        if len(self._recent) > 4096:
            self._recent.clear()
        self._recent[text] = found = self._predict(text)
        return found

    def _predict(self, text: str) -> Prediction:
        counts: dict[int, int] = {}
        for f in features(text):
            i = self.index.get(f)
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
        scores = self.intercept.copy()
        if counts:
            idx = np.fromiter(counts.keys(), dtype=np.int64)
            tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))  # sublinear tf, as trained
            weights = tf * self.idf[idx]
            weights /= np.linalg.norm(weights) or 1.0
            scores = scores + self.coef[:, idx] @ weights
        scores -= scores.max()
        probs = np.exp(scores)
        probs /= probs.sum()
        table = {c: float(p) for c, p in zip(self.classes, probs)}
        best = int(np.argmax(probs))
        return Prediction(self.classes[best], float(probs[best]), table)


@lru_cache(maxsize=1)
def load_classifier() -> EventClassifier | None:
    return EventClassifier.load()
