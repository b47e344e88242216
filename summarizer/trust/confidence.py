"""Confidence levels from the translation model's own score.

The score is the length-normalised log-probability of the translation (the mean
log-probability per output token): ``sequences_scores`` of ``generate(...,
output_scores=True)`` with ``length_penalty=1``, or CTranslate2's score with
``return_scores=True``. It is 0 for a translation the model is certain of.

Thresholds: on news text, Marian (opus-mt) beam search gives fluent, faithful output a
score of roughly -0.1 to -0.4; scores fall below about -0.8 on output the model is unsure
of (garbled names, untranslatable idioms, truncated or repeated output). We keep those
published rules of thumb as they are: ``high`` from -0.4 up, ``check`` between -0.8 and
-0.4, ``low`` below -0.8. They were not re-tuned: no model can be loaded in this
project's test sessions, so re-tuning waits for scores measured on real output.
"""

from __future__ import annotations

import math

# At or above this mean log-probability per token a translation is "high" confidence.
HIGH_CONFIDENCE = -0.4
# Below this it is "low"; between the two, "check".
LOW_CONFIDENCE = -0.8


def confidence_level(score: float | None) -> str | None:
    """The confidence level of a translation from its length-normalised log-probability.

    Args:
        score: the mean log-probability per token of the translation (<= 0), or None
            when no model produced it (a number or a name passed through as is).

    Returns:
        ``"high"`` (score >= -0.4), ``"check"`` (-0.8 <= score < -0.4), ``"low"``
        (score < -0.8, or minus infinity), or None when ``score`` is None or NaN.
    """
    if score is None or math.isnan(score):
        return None
    if score >= HIGH_CONFIDENCE:
        return "high"
    if score >= LOW_CONFIDENCE:
        return "check"
    return "low"
