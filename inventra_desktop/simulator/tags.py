"""Product tags as Shopify keeps and finds them.

- A tag is at most 255 characters (Unicode characters, not bytes) and a product has at most 250
  tags (https://shopify.dev/changelog/product-tags-now-have-a-limit-of-250-per-product; the
  255 is the figure the Admin schema gives for customer tags and import tools report for products).
- Tags compare case-insensitively, in any script: adding `inventra-session-MÄRZ` to a product
  tagged `Inventra-session-März` adds nothing, and `tag:` search finds either spelling. Shopify's
  index lowercases; it is not documented to fold `ß` into `ss` or to normalise Unicode forms, so
  the simulator does neither (an app that mixes NFC and NFD spellings should fail here too).
- Runs of whitespace inside a tag become one space, and the ends are trimmed, as Shopify stores it.
- `tagsAdd` also takes one comma-separated string (Admin schema, `tagsAdd.tags`).
"""

from __future__ import annotations

from .search import fold

MAX_TAGS_PER_PRODUCT = 250
MAX_TAG_LENGTH = 255


def clean_tag(raw: str) -> str:
    """The tag as Shopify stores it: trimmed, inner whitespace runs as one space."""
    return " ".join(raw.split())


def tag_key(tag: str) -> str:
    """What makes two tags the same tag: the same rule `tag:` search compares by."""
    return fold(tag)


def split_tags(values: list[str]) -> list[str]:
    """tagsAdd/tagsRemove input: each string may hold several comma-separated tags; blanks drop out."""
    return [tag for raw in values for part in raw.split(",") if (tag := clean_tag(part))]
