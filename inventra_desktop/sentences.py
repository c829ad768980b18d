"""Sentences the Qt-free layers say to people, translatable by the GUI (one mechanism).

A `Sentence` is the English sentence itself (a `str`: the CLI prints it, tests match it, logs
hold it) that also keeps its template and parameters. The GUI translates the template through
its Qt catalogs and fills the parameters in (ui/sentences.py); scripts/extract_sentences.py
collects every `say("…")` template of the code for the translators, and
scripts/update-translations.sh runs it first.

    say("Nothing in this session has the code {code}. Nothing was counted.", code=code)

Templates use `str.format` fields; a parameter that is a Sentence itself is translated too.
"""

from __future__ import annotations

from typing import Any


class Sentence(str):
    """An English sentence with its `template` and `params` (str.format fields)."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Sentence:
        made = super().__new__(cls, template.format(**params))
        made.template, made.params = template, params
        return made

    def __reduce__(self) -> Any:  # pickles (and copies) as the sentence it is
        return (_rebuild, (self.template, self.params))


def _rebuild(template: str, params: dict[str, Any]) -> Sentence:
    return Sentence(template, **params)


def say(template: str, **params: Any) -> Sentence:
    """The sentence `template` with `params` filled in (str.format), translatable by the GUI."""
    return Sentence(template, **params)


def sentence_of(error: BaseException) -> str:
    """The sentence an error carries (a Sentence when it was said with `say`), else str(error)."""
    first = error.args[0] if error.args else None
    if isinstance(first, Sentence) and str(first) == str(error):
        return first
    return str(error)
