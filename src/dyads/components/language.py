"""Language identification of the clean text (py3langid, which ships its model).

Identifiers guess on short texts ("Putin visited Minsk." comes out Finnish), so a short text that no
language claims firmly is taken to be in the expected language when that language is among the close
guesses; a long text, or a short one another language claims firmly ("Die Regierung hat am Montag
beschlossen."), keeps the identifier's answer."""
from __future__ import annotations

from functools import lru_cache

MIN_CHARS = 20  # below this nothing is judged
SHORT_CHARS = 200  # below this a text is judged leniently
FIRM = 0.9  # a short text's top language at this probability or more wins outright
CLOSE = 0.5  # the expected language within this share of the top one is taken


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str, expected: str | None = None) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability) of `text`, or (None, 0.0) when too short to tell; a short text
    is given the `expected` language when no other claims it firmly."""
    sample = " ".join(text.split())[:5000]
    if len(sample) < MIN_CHARS:
        return None, 0.0
    ranked = _identifier().rank(sample)
    lang, prob = ranked[0]
    if expected and lang != expected and len(sample) < SHORT_CHARS and prob < FIRM:
        wanted = next((p for code, p in ranked[:5] if code == expected), 0.0)
        if wanted >= CLOSE * prob:
            return expected, float(wanted)
    return lang, float(prob)
