"""`plain`: text from a person or a feed, escaped for Markdown, reads as the characters it is —
every backslash escapes the character right after it, and nothing but escapes and the word
joiner that keeps an address from becoming a link is added."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dashboard.markup import _MARKDOWN_SPECIAL, plain

WORD_JOINER = "\u2060"


def _read(escaped: str) -> str:
    """What a reader sees, as Markdown shows it: a backslash before a punctuation character is
    its escape, before anything else (the joiner included) a backslash; the joiner invisible."""
    out, position = [], 0
    while position < len(escaped):
        character = escaped[position]
        following = escaped[position + 1 : position + 2]
        if character == "\\" and following and following in _MARKDOWN_SPECIAL:
            out.append(following)
            position += 2
            continue
        out.append(character)
        position += 1
    return "".join(out).replace(WORD_JOINER, "")


def test_plain_keeps_the_escape_of_www_addresses_whole() -> None:
    escaped = plain("zie www.evil.nl of http://evil.nl")
    assert _read(escaped) == "zie www.evil.nl of http://evil.nl"


@given(st.text(alphabet=st.sampled_from("aw.:/@\\*[]()<> x"), max_size=40))
def test_plain_reads_as_the_text_it_was_given(text: str) -> None:
    escaped = plain(text)
    assert _read(escaped) == text


def test_a_catalogue_value_that_is_markup_is_not_escaped_twice() -> None:
    from dashboard.i18n import catalogue

    texts = catalogue("en")
    source = plain("controlepunt.json")
    said = texts("audit.problems.checkpoint_signature", source=source)
    assert str(said).startswith(source + ":")
    assert _read(said).startswith("controlepunt.json:")
