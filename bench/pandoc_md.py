"""The same content as a talkdeck deck, written as Markdown for ``pandoc --slide-level=2``.

Built from talkdeck's own plan (the slides, their text, notes and chart PNGs),
so that pandoc is timed on what talkdeck writes: a level-1 heading for each
section divider, a level-2 heading for every other slide, bullets with their
levels, tables, quotes, images with alt text, and a ``::: notes`` block on
every slide. The cover slide is pandoc's title block.
"""

from __future__ import annotations

from pathlib import Path

from talkdeck.model import Talk
from talkdeck.plan.spec import SlideSpec, TextBlock

_SKIP_ROLES = {"title", "footer"}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("#", "\\#")


def _block(block: TextBlock) -> list[str]:
    lines = []
    for para in block.paras:
        text = _escape(para.text)
        if para.bold:
            text = f"**{text}**"
        elif para.italic:
            text = f"*{text}*"
        lines.append(("    " * para.level + "- " + text) if para.bullet else text + "\n")
    return lines


def _table(rows: list[list[str]]) -> list[str]:
    head, *body = rows
    out = ["| " + " | ".join(_escape(c) for c in head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(_escape(c) for c in row) + " |" for row in body]
    return out


def slide_markdown(spec: SlideSpec, png: Path | None, root: Path) -> str:
    """One slide as Markdown (``png`` and pictures as paths relative to ``root``)."""
    level = "#" if spec.kind == "divider" else "##"
    out = [f"{level} {_escape(spec.title)}", ""]
    columns = [b for b in spec.texts if b.role.startswith("column")]
    if spec.kind == "quote":
        for block in spec.texts:
            if block.role not in _SKIP_ROLES:
                out += ["> " + line for line in _block(block)]
    elif columns:
        out.append(":::::: {.columns}")
        for block in columns:
            out += ["::: {.column}", *_block(block), ":::"]
        out.append("::::::")
    elif spec.kind != "divider":  # a divider's body would make pandoc add a slide
        for block in spec.texts:
            if block.role not in _SKIP_ROLES:
                out += _block(block) + [""]
    if png is not None:
        out += [f"![{_escape(spec.chart_alt)}]({png.relative_to(root)})", ""]
    elif spec.image is not None:
        out += [f"![{_escape(spec.image_alt)}]({spec.image})", ""]
    if spec.table:
        out += _table(spec.table.rows) + [""]
    out += ["::: notes", spec.notes, ":::", ""]
    return "\n".join(out)


def talk_markdown(talk: Talk, specs: list[SlideSpec], pngs: dict[int, list[Path]], root: Path) -> str:
    """The whole talk as one Markdown document for pandoc."""
    meta = ["---", f"title: \"{talk.title}\"", f"author: \"{talk.speaker.name}\""]
    if talk.subtitle:
        meta.append(f"subtitle: \"{talk.subtitle}\"")
    if talk.date:
        meta.append(f"date: {talk.date.isoformat()}")
    meta += ["---", ""]
    body = [slide_markdown(spec, (pngs.get(spec.number) or [None])[0], root) for spec in specs if spec.kind != "title"]
    return "\n".join(meta) + "\n".join(body)
