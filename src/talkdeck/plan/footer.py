"""The footer of content slides: the talk's ``footer``, else "speaker · title", on one line.

Sized here once for the deck writer: on the built-in design shrunk in 1 pt
steps down to :data:`FOOTER_FLOOR`; on a template, set in the footer
placeholder's own face and size, shrunk (in half points, down to
:data:`TEMPLATE_FOOTER_FLOOR`) only as far as one line needs.
"""

from __future__ import annotations

import math

from .. import layout as L
from ..errors import Problem
from ..model import Talk
from ..text.bidi import is_rtl_tag
from ..text.fit import Para, fit_text, text_width
from .frame import Frame
from .spec import TextBlock

#: The smallest size the built-in footer shrinks to, to stay on one line.
FOOTER_FLOOR = 10
#: The smallest size a template's footer is set at.
TEMPLATE_FOOTER_FLOOR = 8


def plan_footer(talk: Talk, file: str = "talk.yaml", frame: Frame | None = None,
                role: str = "content") -> tuple[TextBlock, list[Problem]]:
    """The footer of slides on the layout for ``role`` (the talk's ``footer``, else "speaker · title") on one
    line, and a warning if it does not fit one line even at the smallest size."""
    text = talk.footer or f"{talk.speaker.name} · {talk.title}"
    t = talk.theme
    rtl = is_rtl_tag(talk.language)
    lf = frame.layouts[role] if frame is not None else None
    if lf is None:
        # The built-in footer starts a line: at the left, or at the right in a right-to-left talk.
        box, size, face = L.mirror(L.FOOTER) if rtl else L.FOOTER, float(L.SMALL_SIZE), t.font
        while True:
            result = fit_text([Para(text)], box, size, size, face, t.font_cjk, t.font_mono, talk.language)
            if (result.fits and result.lines == 1) or size - 1 < FOOTER_FLOOR:
                break
            size -= 1
        block = TextBlock("footer", [Para(text)], box, size, color=t.muted, floor=FOOTER_FLOOR, rtl=rtl)
    elif lf.footer is None:  # the layout shows no footer
        return TextBlock("footer", [Para(text)], L.FOOTER, L.SMALL_SIZE, rtl=rtl), []
    else:
        box, own = lf.footer, lf.footer_size or float(L.SMALL_SIZE)
        assert frame is not None  # lf is one of its layouts
        named = lf.footer_font or "+mn-lt"
        face = {"+mj-lt": frame.major_font, "+mn-lt": frame.minor_font}.get(named, named)
        room = (box.w - 2 * L.INSET_X) / L.EMU_PER_PT
        wide = text_width(text, own, face, t.font_cjk)
        size = own if wide <= room else max(float(TEMPLATE_FOOTER_FLOOR), math.floor(own * room / wide * 2) / 2)
        block = TextBlock("footer", [Para(text)], box, size, floor=TEMPLATE_FOOTER_FLOOR, align=None, anchor=None,
                          font=face, rtl=rtl)
        result = fit_text([Para(text)], box, size, size, face, t.font_cjk, t.font_mono, talk.language)
    if result.lines == 1:
        return block, []
    key = "footer" if talk.footer else "title"
    return block, [Problem(file, talk.pos(key), key, f"the footer takes {result.lines} lines even at {size:g} pt "
                           "(it has room for one); write a shorter 'footer:'", "warning")]
