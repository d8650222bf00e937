"""The stored East Asian character table is what a scan of this Python's Unicode data gives."""

from __future__ import annotations

import unicodedata

import pytest

from talkdeck.text import script, unicode_table


@pytest.mark.skipif(unicodedata.unidata_version != unicode_table.UNICODE_VERSION,
                    reason="the table is of another Unicode version; script.py scans instead")
def test_the_stored_table_equals_a_scan_of_the_unicode_data():
    assert script.scan_ranges() == (list(unicode_table.WIDE), list(unicode_table.WEAK))


def test_the_classes_hold_what_they_are_for():
    assert script.EAST_ASIAN.fullmatch("中") and script.EAST_ASIAN.fullmatch("か") and script.EAST_ASIAN.fullmatch("한")
    assert script.EAST_ASIAN.fullmatch("\U00020000")  # plane 2, whole
    assert not script.EAST_ASIAN.search("Abc, д ✅ 😀")
    assert script.WEAK.fullmatch("“") and script.WEAK.fullmatch("…") and not script.WEAK.search("a·")
