"""Trust signals: where a machine translation may be wrong, and how sure the model is.

>>> from summarizer.trust import consistency_warnings, confidence_level
>>> [w.kind for w in consistency_warnings("Harganya Rp 1,9 miliar.", "It costs Rp1.9 million.")]
['number']
>>> confidence_level(-0.2)
'high'
"""

from __future__ import annotations

from summarizer.trust.confidence import confidence_level
from summarizer.trust.consistency import consistency_warnings

__all__ = ["confidence_level", "consistency_warnings"]
