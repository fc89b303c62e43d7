"""Tone: VADER compound scores (-1..1) for the article and for each event sentence."""
from __future__ import annotations


class Tone:
    def __init__(self) -> None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self.analyzer = SentimentIntensityAnalyzer()
        self._recent: dict[str, float] = {}  # the events of one sentence share its score

    def score(self, text: str) -> float:
        known = self._recent.get(text)
        if known is None:
            if len(self._recent) > 4096:
                self._recent.clear()
            known = self._recent[text] = round(self.analyzer.polarity_scores(text)["compound"], 3)
        return known

    def article(self, paragraphs: list[str]) -> float:
        """Mean of the paragraph scores (VADER is tuned for sentence-sized text)."""
        scores = [self.score(p) for p in paragraphs if p.strip()]
        return round(sum(scores) / len(scores), 3) if scores else 0.0
