"""Bidirectional isolation of Latin words in right-to-left text (text.bidi.isolate_ltr)."""

from __future__ import annotations

import pytest

from talkdeck.text.bidi import LRI, PDI, isolate_ltr


@pytest.mark.parametrize("text, shown", [
    ("כלים בשפות C++ מהירים", f"כלים בשפות {LRI}C++{PDI} מהירים"),
    # A Hebrew prefix joined by a hyphen stays with the Hebrew; the Latin word after it keeps its sign.
    ("כלים בשפות C++ ו-C# בארכיון", f"כלים בשפות {LRI}C++{PDI} ו-{LRI}C#{PDI} בארכיון"),
    ("ו-#include.", f"ו-{LRI}#include{PDI}."),
    ("لغة C# سريعة.", f"لغة {LRI}C#{PDI} سريعة."),
    ("إطار .NET الجديد", f"إطار {LRI}.NET{PDI} الجديد"),
    # Sentence punctuation after a word belongs to the sentence.
    ("لغة C++.", f"لغة {LRI}C++{PDI}."),
    # Plain words, numbers after a prefix, bracketed words: the bidirectional algorithm orders them.
    ("ב-Python 3 ו-2018", "ב-Python 3 ו-2018"),
    ("(C++)", "(C++)"),
    ("Python", "Python"),
])
def test_latin_words_ending_in_a_sign_are_isolated(text, shown):
    assert isolate_ltr(text) == shown


def test_a_mixed_text_is_cut_into_stretches_of_one_direction():
    from talkdeck.text.bidi import direction_stretches

    assert direction_stretches("أرشيف Wilson Center الرقمي") == [
        ("أرشيف", True), (" ", False), ("Wilson Center", True), (" ", False), ("الرقمي", True)]
    assert direction_stretches("«أرشيف» 2024") == [("«", False), ("أرشيف", True), ("» 2024", False)]
    assert direction_stretches("") == [] and direction_stretches(" - ") == [(" - ", False)]
