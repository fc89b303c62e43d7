"""Tone: VADER compound scores (-1..1) for the article and for each event sentence."""
from __future__ import annotations


class Tone:
    def __init__(self) -> None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self.analyzer = SentimentIntensityAnalyzer()

    def score(self, text: str) -> float:
        return round(self.analyzer.polarity_scores(text)["compound"], 3)

    def article(self, paragraphs: list[str]) -> float:
        """Mean of the paragraph scores (VADER is tuned for sentence-sized text)."""
        scores = [self.score(p) for p in paragraphs if p.strip()]
        return round(sum(scores) / len(scores), 3) if scores else 0.0
