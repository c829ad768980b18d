"""The Qt-free layers' sentences in the user's language (one mechanism: sentences.py).

A `Sentence` keeps its English template and parameters; here the template goes through Qt's
catalogs (context "Sentences", collected by scripts/extract_sentences.py) and the parameters are
filled in, themselves translated when they are sentences. Anything else stays as it is: an
English sentence is never worse than none.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..sentences import Sentence
from ..services import messages


def translated(text: str | None) -> str:
    """`text` in the user's language when it is a Sentence; as it is otherwise."""
    if not isinstance(text, Sentence):
        return text or ""
    template = QCoreApplication.translate("Sentences", text.template)
    params = {key: translated(value) if isinstance(value, Sentence) else value for key, value in text.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):  # a translation that lost a field: the English one
        return str(text)


def describe(error: BaseException) -> str:
    """The one sentence for any error (services/messages.py), in the user's language."""
    return translated(messages.describe(error))
