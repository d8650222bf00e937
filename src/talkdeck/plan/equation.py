"""A slide of display equations (``math:``): one, or a list one under the other, large and centred.

The equations are display equations as in a text (:mod:`talkdeck.text.fit` lays them out, the deck
draws each as a picture over a line kept free for it), in the body placeholder of the content layout,
so that on a template they stand where its body text would. They start at :data:`MATH_SIZE` and
shrink, as text does, to the theme's smallest body size; one wider than the slide is drawn smaller.
"""

from __future__ import annotations

from ..layout import Box
from ..model import Slide
from ..text.fit import Para
from ..text.maths import bare_latex
from .context import Context
from .spec import SlideSpec

#: The text size the equations are drawn for before they are fitted, in points (a statement's).
MATH_SIZE = 40


def fill(ctx: Context, spec: SlideSpec, slide: Slide, box: Box) -> None:
    """The slide's equations in the middle of ``box``, each centred on a line of its own."""
    paras = [Para(markup=False, equations=(bare_latex(tex),)) for tex in slide.math or []]
    lf = ctx.layout(spec.layout)
    style = {} if lf is None else {"font": ctx.said("font", lf.body_font)}
    n = len(paras)
    spec.texts.append(ctx.block("body", paras, box, MATH_SIZE, ctx.theme.min_body_size, f"{slide.path}.math",
                                slide.pos("math"), align="center", anchor="middle",
                                overflow=f"the {'equation does' if n == 1 else f'{n} equations do'} not fit the "
                                "slide even at {floor} pt; split them over two slides, or shorten them",
                                **style))
