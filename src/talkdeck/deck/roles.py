"""Which of a template's layouts serves each role: the title slide, content, section dividers, columns,
title-only slides and the closing slide.

A layout is judged first by its placeholders (their types, how many, their
boxes and sizes), then by how it looks (a background of its own, a drawing over
most of the slide), and only then by its name, in any language, as a hint:
real templates name their layouts "2", "1:2", "Segue", "节标题" or "Titel und
Inhalt", and put a section header before the content layout as often as after.

Each role has a score per layout (None: the layout cannot serve it); the best
score wins, the first such layout on a tie. A role no layout can serve falls
back to another role's layout (:data:`FALLBACK`): a section divider to the
title slide's layout, which still reads as a divider, never to the content one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
_OTHERS = (PP_PLACEHOLDER.PICTURE, PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.TABLE, PP_PLACEHOLDER.VERTICAL_BODY,
           PP_PLACEHOLDER.VERTICAL_TITLE, PP_PLACEHOLDER.MEDIA_CLIP, PP_PLACEHOLDER.ORG_CHART)

#: Words layouts are named with, per role, in the languages templates come in (a hint, never the rule).
HINTS = {
    # "Title" alone names every layout in French, Spanish, Portuguese and Italian ("Titre seul", "Título y
    # objetos"): only the title slide's whole phrase, or a subtitle, says cover there.
    "cover": r"title slide|titelfolie|diapositive de titre|diapositiva (de t[ií]tulo|titolo)|slide de t[ií]tulo"
             r"|titre de (la )?(session|pr[ée]sentation)|portada|subtitle|untertitel|sous-titre|subt[ií]tulo"
             r"|sottotitolo|подзаголов|титульн|標題投影片|标题幻灯片|タイトル\s*スライド"
             r"|表紙|封面|شريحة العنوان|cover|제목 슬라이드|שקופית כותרת|slajd tytu",
    "content": r"content|inhalt|conte[uú]do|contenido|contenu|contenuto|содерж|内容|コンテンツ|محتوى|text|本文"
               r"|title and body|내용|תוכן|zawarto",
    "section": r"section|abschnitt|se[cç][aãt]|secci[oó]n|sezione|раздел|节|節|セクション|章|区切|قسم|segue|divider"
               r"|kapitel|chapter|part\b|部分|간지|구역|المقطع|מקטע|sekcj",
    "closing": r"closing|\bend\b|thank|danke|obrigad|gracias|merci|grazie|спасибо|заверш|末尾|结束|結束|结尾|致谢|谢谢"
               r"|感谢|お礼|終わり|結び|\bende\b|schluss|\bfim\b|encerra|\bfin\b|conclus|شكر|ختام|q\s*&\s*a|questions",
    "two": r"two|comparison|zwei|vergleich|duas|compara|\bdos\b|deux|\bdue\b|два|两|兩|比较|比較|2\s*つ|مقارنة"
           r"|2개|비교|השוואה|porówn",
    "title_only": r"title only|nur titel|somente t[ií]tulo|apenas t[ií]tulo|s[oó]lo (el )?t[ií]tulo|titre seul"
                  r"|solo titolo|только заголовок|仅标题|只有标题|僅標題|タイトルのみ|عنوان فقط|제목만|כותרת בלבד"
                  r"|tylko tytu",
}


#: Whole names that say a role but are too plain to search for inside other names (Google Slides' "TITLE").
PLAIN: dict[str, tuple[str, ...]] = {"cover": ("title",), "content": (), "section": (), "closing": (), "two": (),
                                     "title_only": ()}


@dataclass(frozen=True)
class LayoutLook:
    """What is read of one layout to judge it: placeholders, boxes (EMU) and looks."""

    name: str
    title: str  # "center", "title" or ""
    bodies: int
    objects: int
    subtitle: bool
    others: bool
    #: The union of the body placeholders' boxes as a share of the slide (0 … 1).
    body_share: float
    #: Whether the bodies stand side by side, of about one width (two columns, not a picture and its caption).
    side_by_side: bool
    #: The title's top as a share of the slide's height (0.5: it starts half-way down).
    title_top: float
    #: A background of its own, or a drawing over most of the slide, or the master's drawings hidden.
    own_look: bool

    def hints(self, role: str) -> bool:
        # Google Slides names its layouts in capitals with underscores: TITLE, SECTION_HEADER, TITLE_AND_BODY.
        name = self.name.replace("_", " ")
        return re.search(HINTS[role], name, re.IGNORECASE) is not None or name.strip().lower() in PLAIN[role]


def placeholders_of(layout, height: int) -> list:
    """The placeholders of ``layout`` (on a slide ``height`` EMU high) that talkdeck fills or keeps clear of:
    all but the one-line text slots some institutions' layouts carry beside their real body, left empty and
    out: a body placeholder in the footer strip (its top in the slide's lowest eighth, at most a tenth of its
    height tall), a "Source" line; and a kicker, a plain body at most 6 % of the slide's height tall above a
    body at least four times its height (a subheading line under the title)."""
    bodies = [(ph, box) for ph in layout.placeholders
              if ph.placeholder_format.type in BODIES and (box := _box(ph)) is not None]

    def strip(ph) -> bool:
        box = _box(ph)
        if ph.placeholder_format.type not in BODIES or box is None:
            return False
        kicker = (ph.placeholder_format.type == PP_PLACEHOLDER.BODY and box[3] <= 0.06 * height
                  and any(b[3] >= 4 * box[3] and b[1] >= box[1] + box[3] // 2 for _, b in bodies))
        return kicker or (box[1] >= 0.875 * height and box[3] <= 0.1 * height)
    return [ph for ph in layout.placeholders if not strip(ph)]


def look_of(layout, width: int, height: int) -> LayoutLook:
    """Read ``layout`` (of a slide ``width`` × ``height`` EMU) as a :class:`LayoutLook`."""
    placeholders = placeholders_of(layout, height)
    types = [ph.placeholder_format.type for ph in placeholders]
    title = "center" if PP_PLACEHOLDER.CENTER_TITLE in types else ("title" if PP_PLACEHOLDER.TITLE in types else "")
    bodies = [ph for ph in placeholders if ph.placeholder_format.type in BODIES]
    boxes = [b for ph in bodies if (b := _box(ph)) is not None]
    share = 0.0
    if boxes:
        x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
        x1, y1 = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
        share = (x1 - x0) * (y1 - y0) / (width * height)
    side = False
    if len(boxes) == 2:
        a, b = sorted(boxes)
        side = a[0] + a[2] <= b[0] and abs(a[2] - b[2]) <= 0.25 * max(a[2], b[2])
    title_ph = next((ph for ph in placeholders if ph.placeholder_format.type in TITLES), None)
    title_box = _box(title_ph) if title_ph is not None else None
    covered = any((b := _box(s)) is not None and b[2] * b[3] >= 0.5 * width * height
                  for s in layout.shapes if not s.is_placeholder)
    own = (layout._element.find(f"{qn('p:cSld')}/{qn('p:bg')}") is not None or covered
           or layout._element.get("showMasterSp") == "0")
    # Vertical text is a body or title with orient="vert" (python-pptx reads its type as the plain one).
    others = any(t in _OTHERS for t in types) or any(ph._element.ph.get("orient") == "vert" for ph in placeholders)
    return LayoutLook(layout.name, title, len(bodies), types.count(PP_PLACEHOLDER.OBJECT),
                      PP_PLACEHOLDER.SUBTITLE in types, others, share, side,
                      title_box[1] / height if title_box else 0.0, own)


def _box(shape) -> tuple[int, int, int, int] | None:
    try:
        box = (shape.left, shape.top, shape.width, shape.height)
    except (AttributeError, KeyError, ValueError):
        return None
    return box if None not in box and box[2] > 0 and box[3] > 0 else None


def _cover(k: LayoutLook) -> float | None:
    # A picture placeholder on a title slide (for a photo) is left out of the slide: it does not disqualify.
    # A title and a body named as a title slide serves too (Google Slides' TITLE layout has no subtitle).
    if not k.title or not (k.subtitle or k.title == "center" or (k.hints("cover") and k.bodies <= 1)):
        return None
    score = {("center", True): 6, ("title", True): 4}.get((k.title, k.subtitle), 2) - k.bodies * 0.5
    return score + 2 * k.hints("cover") - k.others - 3 * (k.hints("closing") or k.hints("section"))


def _content(k: LayoutLook) -> float | None:
    if k.title == "center" or k.bodies != 1 or k.others or k.subtitle:
        return None
    # A section header also has a title and one body: its body is small, its look its own, its name says so.
    # A layout whose title was deleted (its body grown over the title's place) serves only where no layout
    # with a title does better: its slides take the master's title, the body under it (geometry, builder).
    return (10 + 2 * (k.objects == 1) + 6 * k.body_share - 4 * (k.body_share < 0.25) - 3 * k.own_look
            + 2 * k.hints("content") - 4 * (k.hints("section") or k.hints("closing") or k.hints("cover"))
            - 8 * (k.title == ""))


def _section(k: LayoutLook) -> float | None:
    # A picture placeholder (left out of the slide) only on a layout that looks or is named like a divider:
    # a "picture with caption" is no section header.
    if not k.title or k.bodies > 1 or (k.others and not (k.own_look or k.hints("section"))):
        return None
    score = (5 * k.hints("section") + 2 * k.own_look + 2 * (k.bodies == 1 and k.body_share < 0.25)
             + 1 * (k.title_top > 0.25) + 1 * (k.bodies == 1 and k.objects == 0)
             - 4 * (k.hints("closing") or k.hints("cover") or k.hints("content") or k.hints("title_only")))
    return score if score >= 3 else None  # nothing section-like: the divider takes the title slide's layout


def _closing(k: LayoutLook) -> float | None:
    if not k.title or not k.hints("closing"):
        return None
    return 5 + (k.title == "center") + k.subtitle


def _two(k: LayoutLook) -> float | None:
    if k.title != "title" or k.bodies != 2 or k.others or not k.side_by_side:
        return None
    return 5 + k.objects + 2 * k.hints("two") - 3 * k.own_look


def _title_only(k: LayoutLook) -> float | None:
    # A section header with its body taken out is no title-only layout: the content layout, its body left
    # out, serves better than a title set half-way down.
    if (k.title != "title" or k.bodies or k.subtitle or k.others
            or k.hints("section") or k.hints("closing") or k.hints("cover")):
        return None
    return 5 + 3 * k.hints("title_only") - 3 * k.own_look + (k.title_top < 0.25)


#: Each role's score of a layout; a new role is a new entry here (and in plan.LAYOUT_OF).
SCORES: dict[str, Callable[[LayoutLook], float | None]] = {
    "cover": _cover, "content": _content, "section": _section, "two": _two, "title_only": _title_only,
    "closing": _closing,
}
#: A role that no layout serves takes another role's layout: columns split the content layout's body,
#: chart slides leave its body out; a divider or a closing slide is set on the title slide's layout, and a
#: template with no title slide at all (only title-and-body layouts) sets its title slide on the content
#: layout, the subtitle and speaker in its body.
FALLBACK = {"cover": "content", "two": "content", "title_only": "content", "section": "cover", "closing": "cover"}
#: What a template must have, for the message when it has not.
NEEDS = {"content": "a title and one body placeholder"}


def choose_layouts(prs) -> tuple[dict[str, object], list[str]]:
    """role → layout of ``prs`` for every role of :data:`SCORES`, and the roles nothing serves (of :data:`NEEDS`)."""
    layouts = list(prs.slide_layouts)
    looks = [look_of(layout, prs.slide_width, prs.slide_height) for layout in layouts]
    # A layout without a title of its own serves only on a master that has one for its slides to take.
    titled = any(ph.placeholder_format.type in TITLES for ph in prs.slide_master.placeholders)
    chosen: dict[str, object] = {}
    for role, score in SCORES.items():
        scored = [(s, -i) for i, k in enumerate(looks) if (k.title or titled) and (s := score(k)) is not None]
        if scored:
            chosen[role] = layouts[-max(scored)[1]]
    missing = [role for role in NEEDS if role not in chosen]
    for role, other in FALLBACK.items():
        if role not in chosen and other in chosen:
            chosen[role] = chosen[other]
    return chosen, missing


def best_master(prs) -> int:
    """The index of the slide master whose layouts a deck is built on: the one whose title-and-body layout
    serves content best, a master with a drawing over most of the slide (a cover's panel) scoring lower;
    the first on a tie.

    LibreOffice exports every master of an Impress template with a whole set of layouts of the same names,
    the cover's master first: its "Title, Content" lies on the cover's panel.
    """
    width, height = prs.slide_width, prs.slide_height
    best: tuple[float, int] | None = None
    for i, master in enumerate(prs.slide_masters):
        scores = [s for layout in master.slide_layouts if (s := _content(look_of(layout, width, height))) is not None]
        if not scores:
            continue
        covered = any((b := _box(s)) is not None and b[2] * b[3] >= 0.5 * width * height
                      for s in master.shapes if not s.is_placeholder)
        score = max(scores) - 3 * covered
        if best is None or score > best[0]:
            best = (score, i)
    return best[1] if best else 0


def titles_only(layout, width: int, height: int) -> bool:
    """Whether ``layout`` is made for a title slide, a divider or a closing slide (by its look or its name),
    so that no content is set on it."""
    k = look_of(layout, width, height)
    return (k.own_look and _section(k) is not None) or k.hints("cover") or k.hints("closing") or k.hints("section")
