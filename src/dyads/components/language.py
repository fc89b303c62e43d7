"""Language identification of the clean text (py3langid, which ships its model)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str | None, float]:
    """Return (ISO 639-1 code, probability) of `text`, or (None, 0.0) when too short to tell."""
    sample = " ".join(text.split())[:5000]
    if len(sample) < 20:
        return None, 0.0
    lang, prob = _identifier().classify(sample)
    return lang, float(prob)
