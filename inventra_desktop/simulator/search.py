"""Shopify Admin API search syntax (the ``query:`` argument), for the simulator.

Reference: https://shopify.dev/docs/api/usage/search-syntax

``parse_search(text)`` returns a ``SearchQuery`` whose ``matches(values)`` is
asked about one object at a time through an accessor: ``values(field)`` returns
that object's values for ``field`` as strings (``"default"`` for free text).

Parsing never raises: like Shopify, a malformed query is read leniently (an
unterminated quote swallows the rest of the text literally, a missing ``)`` is
implied at the end, a stray ``)`` or dangling ``AND``/``OR``/``NOT`` is ignored).
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Union

Accessor = Callable[[str], list[str]]

# Fields matched by substring rather than equality ("default" is free text).
_SUBSTRING_FIELDS = frozenset({"default", "title"})
# Fields whose values are gids; a bare number matches the gid's numeric tail.
_ID_FIELDS = frozenset({"id", "location_id"})
_COMPARATORS = (">=", "<=", ">", "<")  # longest first so ">=" wins over ">"
_FIELD_NAME = re.compile(r"[A-Za-z0-9_.]+")
_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    ">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le,
}
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
# Characters after which a quote opens a quoted value; elsewhere (e.g. "men's")
# a quote is an ordinary character, so apostrophes in free text stay harmless.
_QUOTE_OPENERS = frozenset(":,<>=-")

# A lexed character and whether it was quoted/escaped (literal chars never act
# as syntax: ':' ',' '*' '-' and comparators only count when not literal).
_Char = tuple[str, bool]


# --------------------------------------------------------------------------- AST


@dataclass(frozen=True)
class _Alt:
    text: str  # folded (see `fold`)
    wildcard: bool  # term ended with an unquoted '*'


@dataclass(frozen=True)
class _Term:
    name: str  # lowercased field name, "default" for free text
    alts: tuple[_Alt, ...]  # comma list: any alternative may match
    comparator: str | None = None

    def matches(self, values: Accessor) -> bool:
        if self.name == "tag_not":
            # tag_not:a,b -> none of the listed tags is present.
            tags = _values(values, "tag")
            return not any(self._exact(v, alt) for alt in self.alts for v in tags)
        vals = _values(values, self.name)
        return any(self._match_one(v, alt) for alt in self.alts for v in vals)

    def _match_one(self, value: str, alt: _Alt) -> bool:
        if self.comparator is not None:
            return _compare(self._id_tail(value, alt.text), self.comparator, alt.text)
        if alt.wildcard and not alt.text:
            return bool(value.strip())  # field:* means present and non-empty
        if self.name in _SUBSTRING_FIELDS:
            return alt.text in value  # a trailing '*' adds nothing to substring
        return self._exact(value, alt)

    def _exact(self, value: str, alt: _Alt) -> bool:
        if alt.wildcard:
            return value.startswith(alt.text)
        return value == alt.text or self._id_tail(value, alt.text) == alt.text

    def _id_tail(self, value: str, text: str) -> str:
        # gid://shopify/Product/123 -> "123" when the term value is a number.
        if self.name in _ID_FIELDS and text.isdigit() and value.startswith("gid://"):
            return value.split("?", 1)[0].rsplit("/", 1)[-1]
        return value


@dataclass(frozen=True)
class _Not:
    inner: _Node

    def matches(self, values: Accessor) -> bool:
        return not self.inner.matches(values)


@dataclass(frozen=True)
class _Bool:
    op: str  # "and" | "or"
    parts: tuple[_Node, ...]

    def matches(self, values: Accessor) -> bool:
        check = all if self.op == "and" else any
        return check(p.matches(values) for p in self.parts)


_Node = Union[_Term, _Not, _Bool]


def fold(text: str) -> str:
    """How values and terms compare: case-insensitively in any script (lowercased, as Shopify's
    index does) and with whitespace runs as one space. Tags use the same rule (tags.py)."""
    return " ".join(text.split()).lower()


def _values(values: Accessor, name: str) -> list[str]:
    return [fold(str(v)) for v in (values(name) or [])]


def _compare(value: str, op: str, target: str) -> bool:
    # Numbers compare numerically; anything else (ISO dates included) as strings.
    if _NUMBER.fullmatch(value.strip()) and _NUMBER.fullmatch(target.strip()):
        return _ORDER[op](float(value), float(target))
    return _ORDER[op](value, target)


# ------------------------------------------------------------------- public API


@dataclass(frozen=True)
class SearchQuery:
    """A parsed query; ``root`` is None when the query matches everything."""

    root: _Node | None = None
    _fields: frozenset[str] = field(default=frozenset())

    def matches(self, values: Accessor) -> bool:
        return self.root is None or self.root.matches(values)

    def fields(self) -> set[str]:
        return set(self._fields)


def parse_search(query: str | None) -> SearchQuery:
    if query is None or not query.strip():
        return SearchQuery()
    parser = _Parser(_lex(query))
    root = parser.parse()
    return SearchQuery(root, frozenset(parser.names))


# ------------------------------------------------------------------------ lexer

# Tokens: "(" , ")", "NOT", or a word (list of _Char).
_Token = Union[str, list[_Char]]


def _lex(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "()":
            tokens.append(c)
            i += 1
        elif c == "-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] != ")":
            tokens.append("NOT")  # '-term' / '-(group)' is negation
            i += 1
        else:
            word, i = _lex_word(text, i)
            tokens.append(word)
    return tokens


def _lex_word(text: str, i: int) -> tuple[list[_Char], int]:
    chars: list[_Char] = []
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n:
            chars.append((text[i + 1], True))
            i += 2
        elif c in "\"'" and (not chars or (not chars[-1][1] and chars[-1][0] in _QUOTE_OPENERS)):
            i = _lex_quoted(text, i, chars)
        elif c.isspace() or c in "()":
            break
        else:
            chars.append((c, False))
            i += 1
    return chars, i


def _lex_quoted(text: str, i: int, chars: list[_Char]) -> int:
    quote, i = text[i], i + 1
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            chars.append((text[i + 1], True))
            i += 2
        elif c == quote:
            return i + 1
        else:
            chars.append((c, True))
            i += 1
    # Unterminated: everything after the quote is the literal value.
    return i


# ----------------------------------------------------------------------- parser


class _Parser:
    """Recursive descent: or := and ('OR' and)*; and := unary (['AND'] unary)*;
    unary := 'NOT' unary | '(' or [')'] | word. Never raises."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.names: set[str] = set()

    def parse(self) -> _Node | None:
        parts: list[_Node] = []
        while self.pos < len(self.tokens):
            node = self._or()
            if node is not None:
                parts.append(node)
            if self._peek() == ")":
                self.pos += 1  # stray ')' is ignored; keep parsing after it
        return _combine("and", parts)

    def _peek(self) -> str | None:
        if self.pos >= len(self.tokens):
            return None
        tok = self.tokens[self.pos]
        if isinstance(tok, str):
            return tok
        # Only bare (unquoted, unescaped) uppercase words are connectives.
        word = "".join(c for c, _ in tok)
        if word in ("AND", "OR", "NOT") and not any(lit for _, lit in tok):
            return word
        return "word"

    def _or(self) -> _Node | None:
        parts = [self._and()]
        while self._peek() == "OR":
            self.pos += 1
            parts.append(self._and())
        return _combine("or", [p for p in parts if p is not None])

    def _and(self) -> _Node | None:
        parts: list[_Node] = []
        while (tok := self._peek()) not in (None, ")", "OR"):
            if tok == "AND":
                self.pos += 1
                continue
            node = self._unary()
            if node is not None:
                parts.append(node)
        return _combine("and", parts)

    def _unary(self) -> _Node | None:
        tok = self._peek()
        if tok == "NOT":
            self.pos += 1
            inner = self._unary()
            return None if inner is None else _Not(inner)
        if tok == "(":
            self.pos += 1
            inner = self._or()
            if self._peek() == ")":
                self.pos += 1  # a missing ')' is implied at the end
            return inner
        if tok == "word":
            word = self.tokens[self.pos]
            self.pos += 1
            return self._term(word) if isinstance(word, list) else None
        return None  # 'AND'/'OR'/')' after NOT: the caller handles it

    def _term(self, chars: list[_Char]) -> _Term | None:
        name = "default"
        colon = next((k for k, (c, lit) in enumerate(chars) if c == ":" and not lit), -1)
        head = "".join(c for c, _ in chars[:colon])
        if colon > 0 and not any(lit for _, lit in chars[:colon]) and _FIELD_NAME.fullmatch(head):
            name, chars = head.lower(), chars[colon + 1 :]
        comparator = None
        for op in _COMPARATORS if name != "default" else ():
            if len(chars) >= len(op) and all(
                c == o and not lit for (c, lit), o in zip(chars, op)
            ):
                comparator, chars = op, chars[len(op) :]
                break
        # Free text keeps commas literally; field values are comma lists.
        pieces = _split_commas(chars) if name != "default" else [chars]
        alts = tuple(alt for p in pieces if (alt := _make_alt(p)) is not None)
        if not alts:
            return None  # "field:" with no value restricts nothing
        self.names.add(name)
        return _Term(name, alts, comparator)


def _split_commas(chars: list[_Char]) -> list[list[_Char]]:
    pieces: list[list[_Char]] = [[]]
    for c, lit in chars:
        if c == "," and not lit:
            pieces.append([])
        else:
            pieces[-1].append((c, lit))
    return pieces


def _make_alt(chars: list[_Char]) -> _Alt | None:
    wildcard = bool(chars) and chars[-1] == ("*", False)
    if wildcard:
        chars = chars[:-1]
    text = fold("".join(c for c, _ in chars))
    if not text and not wildcard:
        return None
    return _Alt(text, wildcard)


def _combine(op: str, parts: list[_Node]) -> _Node | None:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else _Bool(op, tuple(parts))
