"""The talk's language: talkdeck's own words from gettext catalogs, dates, numbers and lists by CLDR.

A :class:`Messages` is made once per talk (:func:`messages_for`) and handed to
whatever writes text. Words come from ``locales/<catalog>/LC_MESSAGES/talkdeck.mo``
(compiled from the ``.po`` beside it with Babel), chosen by matching the talk's
``language`` tag to the catalogs shipped; the talk's ``strings:`` override any
of them. Dates, numbers and lists follow the CLDR data of the tag itself, so
``de-AT`` gets Austrian dates with the German catalog.

For other modules (charts, say), the small API is::

    m = messages_for(talk)
    m("source", source="Eurostat")             # "来源：Eurostat" in a zh-CN talk
    m.heading(title, unit)                     # "按部门（个）", "Объекты, шт."
    m.count("minutes_count", 5)                # "5 минут"
    m.number(1234.5), m.date(d), m.join(items)
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import re
import string
from collections.abc import Iterable
from pathlib import Path

from babel import Locale, UnknownLocaleError, negotiate_locale
from babel.core import get_global
from babel.dates import format_date

from .numfmt import fmt_number, native_digits, numbering_system, plain_tag, with_digits
from .strings import MESSAGES, fields_of

#: Where the catalogs are: one folder per catalog, named as Babel names locales.
LOCALE_DIR = Path(__file__).parent / "locales"
DOMAIN = "talkdeck"
#: Punctuation after which a following sentence starts without a space (CJK full stops).
_FULL_STOPS = ("。", "！", "？", "：", "」", "）")
#: A sentence's full stop right after a question or exclamation mark (or a full stop) that ends a field.
#: A full stop after one that ends a field's own sentence: "Why not?." and "It is so..", but
#: not an ellipsis ("and so on...").
_DOUBLE_STOP = re.compile(r"([!?！？。]|(?<!\.)\.)[.。](?=\s|$)")
#: A colon after a field that ends its own question or exclamation ("Why now?: A subtitle",
#: "aujourd'hui ? : Une analyse", "为什么？：副标题"): the question mark is enough.
_STOP_COLON = re.compile(r"([!?！？])[ \u00a0\u202f]*[:：](?=[ \u00a0]|[^\x00-\x7f]|$)[ \u00a0]?")


def catalogs() -> list[str]:
    """The catalogs shipped, as Babel locale identifiers (``de``, ``zh_Hans``, ...), sorted."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))


def parse_tag(tag: str) -> Locale | None:
    """The CLDR locale of a BCP 47 tag (``zh-TW`` → zh_Hant_TW), or None if CLDR does not know it."""
    try:
        locale = Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        return None
    if locale.script is None:  # zh → zh_Hans_CN, sr → sr_Cyrl_RS: the script decides the catalog
        likely = get_global("likely_subtags").get(locale.language)
        if likely:
            parts = likely.split("_")
            try:
                locale = Locale(locale.language, locale.territory, parts[1])
            except UnknownLocaleError:  # ja_Jpan: CLDR has no data by script where there is one
                pass
    return locale


def catalog_for(tag: str) -> str | None:
    """The shipped catalog for a language tag, or None: zh-TW/zh-HK/zh-Hant → zh_Hant,
    zh-CN/zh-Hans/zh → zh_Hans, de-AT → de, pt-BR → pt (if shipped)."""
    locale = parse_tag(tag)
    if locale is None:
        wanted = [tag.split("-")[0].lower()]
    else:
        lang, script, territory = locale.language, locale.script, locale.territory
        wanted = [f"{lang}_{script}_{territory}", f"{lang}_{script}", f"{lang}_{territory}", lang]
    return negotiate_locale([w for w in wanted if "None" not in w], catalogs())


#: The tag written for a shipped catalog when a language is named instead (Chinese: zh-CN; English:
#: the default, en-GB).
_NAMED_TAG = {"zh_Hans": "zh-CN", "zh_Hant": "zh-TW", "en": "en-GB"}


def suggest_tag(text: str) -> str | None:
    """The language tag meant by ``text`` that is not one: ``zh_CN`` → ``zh-CN`` (a POSIX locale),
    ``Russian``, ``русский``, ``中文`` → ``ru``, ``zh-CN`` (a shipped language by its English or
    own name); None when nothing fits."""
    dashed = text.strip().replace("_", "-").split(".")[0]  # ru_RU.UTF-8 → ru-RU
    if dashed != text and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", dashed) and parse_tag(dashed):
        return dashed
    wanted = text.strip().casefold()
    for catalog in catalogs():
        locale = Locale.parse(catalog)
        names = {locale.get_language_name("en"), locale.get_language_name(locale), locale.get_display_name("en"),
                 locale.get_display_name(locale)}
        if catalog.startswith("zh"):
            names |= {"中文", "汉语", "漢語", "chinese"}
        if wanted in {n.casefold() for n in names if n}:
            return _NAMED_TAG.get(catalog, tag_of(catalog))
    wanted = _OTHER_NAMES.get(wanted, wanted)
    # Any other language by its English name (Urdu → ur, Swahili → sw), as CLDR names it.
    return next((code for code, name in Locale("en").languages.items()
                 if name.casefold() == wanted and re.fullmatch(r"[a-z]{2}", code)), None)


#: Names people use for a language that CLDR's English names do not have.
_OTHER_NAMES = {"farsi": "persian"}


def tag_of(catalog: str) -> str:
    """``zh_Hans`` → ``zh-Hans``: a catalog as a language tag, for messages to the user."""
    return catalog.replace("_", "-")


@functools.cache
def _translations(catalog: str | None) -> gettext.NullTranslations:
    if catalog is None:
        return gettext.NullTranslations()
    with open(LOCALE_DIR / catalog / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as f:
        return gettext.GNUTranslations(f)


def _question_ends(m: re.Match) -> str:
    """The question or exclamation mark of :data:`_STOP_COLON`, and a space after a Latin one."""
    return m.group(1) + (" " if m.group(1) in "!?" else "")


def with_unit(heading: str, title: str, unit: str | None) -> str:
    """``title`` with ``unit`` as ``heading`` (a language's ``title_with_unit`` text) writes them; the title
    alone without a unit. The one writer of chart titles: alt text, notes and the chart itself use it."""
    return heading.format(title=title, unit=unit) if unit else title


class Messages:
    """talkdeck's words in one language, with the speaker's overrides.

    ``language`` is the talk's tag, with the numbering system of its numbers as a ``-u-nu-``
    extension when the theme chose one (``ar-u-nu-latn``); ``overrides`` maps message keys to the
    speaker's own text (fields as in the English text).
    """

    def __init__(self, language: str = "en", overrides: dict[str, str] | None = None):
        self.language = language
        self.catalog = catalog_for(plain_tag(language))
        self.locale = parse_tag(plain_tag(language)) or Locale("en", "GB")  # the model's default language
        self.overrides = dict(overrides or {})
        self._gettext = _translations(self.catalog)

    @property
    def east_asian(self) -> bool:
        """Whether the catalog's language is written without spaces between sentences (zh, ja)."""
        return (self.catalog or "").split("_")[0] in ("zh", "ja")

    def text(self, key: str, n: float | None = None) -> str:
        """The unformatted text of message ``key`` (for ``n`` of a counting message)."""
        if key in self.overrides:
            return self.overrides[key]
        m = MESSAGES[key]
        if m.plural is None:
            return self._gettext.pgettext(key, m.text)
        return self._gettext.npgettext(key, m.text, m.plural, plural_operand(n or 0, self.locale))

    def __call__(self, key: str, **fields: object) -> str:
        """Message ``key`` with its ``{name}`` fields filled; numbers are written as :meth:`number` does."""
        values = {k: self.number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
                  for k, v in fields.items()}
        return self.text(key).format(**values)

    def heading(self, title: str, unit: str | None) -> str:
        """A chart's title with its unit, as the language writes them: ``Projects (count)``,
        ``按部门（个）``, ``Объекты, шт.``; the title alone without a unit."""
        return with_unit(self.text("title_with_unit"), title, unit)

    def count(self, key: str, n: float) -> str:
        """A counting message for ``n``: ``1 минута``, ``5 минут``, ``1,5 минуты``."""
        return self.text(key, n).format(n=self.number(n))

    def number(self, x: float, decimals: int | None = None) -> str:
        """``x`` by CLDR (``1 234,5`` in Russian, ``1.234,5`` in German) with a true minus sign: the one
        formatter of :mod:`talkdeck.lang.numfmt` (as many decimals as ``x`` has, unless ``decimals``)."""
        return fmt_number(x, decimals, self.language)

    def date(self, day: dt.date) -> str:
        """The long date of CLDR: ``20 May 2025``, ``2025年5月20日``, ``20 мая 2025 г.``; French
        writes the first of a month as an ordinal, ``1er octobre 2026`` (CLDR has ``1 octobre``)."""
        pattern = self.locale.date_formats["long"].pattern
        if self.locale.language == "fr" and day.day == 1 and re.match(r"d(?!d)", pattern):
            return format_date(day, "d'er'" + pattern[1:], locale=self.locale)
        return native_digits(format_date(day, "long", locale=self.locale), numbering_system(self.language))

    def join(self, items: Iterable[str], key: str = "separator") -> str:
        """Items joined by the language's separator (``A, B``; ``A，B``; ``A、B``)."""
        out: str | None = None
        for item in items:
            out = item if out is None else self(key, before=out, after=item)
        return out or ""

    def names(self, items: list[str]) -> str:
        """A list of names as CLDR writes one: ``A, B and C``, ``A、B和C``."""
        from babel.lists import format_list

        return format_list(items, locale=self.locale) if items else ""

    def sentences(self, *parts: str | float | None) -> str:
        """Sentences joined by a space, except after a full-width full stop (``。``); a full stop
        after a field that ends its own sentence is dropped (``Why not?`` not ``Why not?.``), and
        so is a colon after a question (``Why now? A subtitle`` not ``Why now?: A subtitle``)."""
        out = ""
        for p in parts:
            if not p or not isinstance(p, str) or not p.strip():
                continue
            part = _STOP_COLON.sub(_question_ends, _DOUBLE_STOP.sub(r"\1", p.strip()))
            out = part if not out else out + ("" if out.endswith(_FULL_STOPS) else " ") + part
        return out


def plural_operand(n: float, locale: Locale) -> int:
    """The integer whose plural form gettext should pick for ``n``.

    gettext's Plural-Forms only count whole numbers; for 1.5 take the smallest
    whole number CLDR puts in the same plural category (French 1,5 minute, English
    1.5 minutes). Russian fractions are "other", which no whole number is: their
    form is the genitive singular, the form of 2 (1,5 минуты).
    """
    if float(n).is_integer():
        return int(n)
    category = locale.plural_form(n)
    return next((i for i in range(0, 200) if locale.plural_form(i) == category), 2)


@functools.lru_cache(maxsize=64)
def _cached(language: str, overrides: tuple[tuple[str, str], ...]) -> Messages:
    return Messages(language, dict(overrides))


def messages_for(talk) -> Messages:
    """The :class:`Messages` of a talk: its ``language`` and its ``strings:``."""
    return _cached(with_digits(talk.language, talk.theme.digits), tuple(sorted((talk.strings or {}).items())))


def override_problems(overrides: dict[str, str]) -> list[tuple[str, str]]:
    """(key, message) for each override that names no message, uses a field its message lacks, or writes
    a field with a format or conversion (``{number:02}``, ``{title!r}``): none is documented, and the
    values are filled in as text already written for the talk's language."""
    from ..errors import did_you_mean

    out = []
    for key, text in overrides.items():
        if key not in MESSAGES:
            out.append((key, f"unknown text to override{did_you_mean(key, list(MESSAGES))}"))
            continue
        allowed = MESSAGES[key].fields
        try:
            used = fields_of(text)
        except ValueError:
            out.append((key, "a '{' or '}' without its pair (write '{{' or '}}' for a brace itself)"))
            continue
        formatted = next(((f, spec, conv) for _, f, spec, conv in string.Formatter().parse(text)
                          if f is not None and (spec or conv)), None)
        bad = sorted(used - allowed)
        if formatted and formatted[0] in allowed:
            field, spec, conv = formatted
            written = "{" + field + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
            out.append((key, f"{written} takes no format here; write {{{field}}} (talkdeck writes the number or "
                        "text itself, as the talk's language does)"))
        elif bad:
            have = ", ".join("{" + f + "}" for f in sorted(allowed)) or "none"
            out.append((key, f"unknown field {{{bad[0]}}} (this text has: {have})"))
    return out


#: The East Asian font of each East Asian script and region, for talks whose theme names none:
#: Japanese kanji, Korean hanja and Traditional Chinese have glyph forms of their own.
_CJK_FONTS = {"ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR", "zh_Hant_HK": "Noto Sans CJK HK",
              "zh_Hant_MO": "Noto Sans CJK HK", "zh_Hant": "Noto Sans CJK TC"}


def east_asian_font(language: str, default: str) -> str:
    """The Noto Sans CJK face for a talk's language (JP for ja, TC for zh-TW, HK for zh-HK,
    KR for ko), or ``default`` (the SC face) for Simplified Chinese and every other language."""
    locale = parse_tag(language)
    if locale is None:
        return default
    for key in (f"{locale.language}_{locale.script}_{locale.territory}", f"{locale.language}_{locale.script}",
                locale.language):
        if key in _CJK_FONTS:
            return _CJK_FONTS[key]
    return default


def apply_language_defaults(talk) -> None:
    """Give a talk the East Asian and complex-script fonts of its language unless its theme names them."""
    from ..text.shaping import default_cs_font

    if "font_cjk" not in talk.theme.where:
        talk.theme.font_cjk = east_asian_font(talk.language, talk.theme.font_cjk)
    if "font_cs" not in talk.theme.where:
        talk.theme.font_cs = default_cs_font(talk.language)


def fallback_warning(language: str) -> str | None:
    """The one warning for a language without a catalog, or None when it has one."""
    if catalog_for(language) is not None:
        return None
    shipped = ", ".join(tag_of(c) for c in catalogs())
    return (f"talkdeck has no translation for '{language}' (it has {shipped}); the words it adds "
            "(agenda, part numbers, notes) stay in English unless 'strings:' gives them")
