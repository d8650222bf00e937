"""new: a starter talk that builds at once — a commented talk.yaml, its schema, an assets/ folder.

Never overwrites an outline: if the folder already has a talk.yaml, nothing is
written.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import TalkdeckError
from ..load.schema import schema_json

OUTLINE = "talk.yaml"
SCHEMA = "talk.schema.json"

STARTER = """\
# yaml-language-server: $schema=talk.schema.json
#
# A starter talk: replace the text, keep the shape. Build it with
#   talkdeck build        -> build/talk.pptx
#   talkdeck watch        -> rebuilds each time you save
#   talkdeck check        -> mistakes, missing notes, and whether the notes fit the time
# Every key is described in talk.schema.json (your editor completes keys from it
# with the YAML extension) and in talkdeck's docs/outline.md.
#
# Text is kept as you type it, but for *italic*, **bold**, `code` and
# [links](https://example.org). Put a value in quotes when it starts with a
# character YAML reads specially: [ { * & ! | > ' " % @ `
# A point written `- Term: explanation` shows the term in bold.

title: The title of your talk
subtitle: One line on what it is about
event: Where you give it
duration: 20                      # minutes; `talkdeck check` compares the notes with it

speaker:
  name: Your Name
  role: Your position
  affiliations:
    - Your institution
  bio: >
    Two or three sentences about you: what you work on, and why you are the
    person to give this talk.
  notes: Introduce yourself in a sentence or two.   # speaker notes for the bio slide

# Charts are drawn from the numbers here; a slide shows one with `chart: NAME`.
charts:
  example:
    type: bar                     # bar, barh, stacked, grouped or line
    title: An example chart
    unit: items
    data:                         # category: value, in the order shown
      First: 12
      Second: 7
      Third: 4
    highlight: [First]            # drawn in the accent colour
    source: Example numbers; replace them with yours and say where they come from

# Each section gets a divider slide and a line in the agenda; `minutes` is its time budget.
sections:
  - title: The question
    minutes: 4
    summary: What this talk asks, and why it matters
    slides:
      - title: The question
        statement: One sentence that states the question of the talk.
        notes: |
          Speaker notes go here: what you will say on this slide. They are
          shown to you in presenter view, and `talkdeck check` counts their words.

  - title: What we know
    minutes: 5
    slides:
      - title: What we know already
        bullets:
          - A first point, with *emphasis* where it matters
          - Term: a definition, the term shown in bold
          - A second point, with detail:
              - a sub-point under it
          - A third point
        notes: Walk through the points; give the detail under the second one.

      - title: Two sides
        columns:
          - heading: One view
            bullets:
              - What one side holds
          - heading: Another view
            bullets:
              - What the other side holds
        notes: Set the two views side by side before saying where you stand.

  - title: What we found
    minutes: 7
    slides:
      - title: The main result
        chart: example
        notes: Point to the highlighted bar first, then compare it with the others.

      - title: In their words        # optional on a quote slide
        quote: A sentence from a source that says it better than you could.
        by: Its author, and where it is from
        notes: Read the quotation slowly, then say why it matters here.

  - title: What it means
    minutes: 4
    slides:
      - title: Takeaways
        bullets:
          - The one thing to remember
          - What follows from it
          - What is still open
        notes: Say the three takeaways, then open the floor.

closing:
  title: Questions?
  text: your.email@example.org
  notes: Thank the audience and take questions.
"""

ASSETS_README = """\
Pictures (and a .pptx template, if you use one) for the talk. Refer to them
from talk.yaml by their path from the talk's folder, e.g. `image: assets/map.png`.
"""


def write_starter(folder: Path) -> list[Path]:
    """Write a starter talk into ``folder`` (created if missing); returns what was written.

    Raises TalkdeckError, writing nothing, if ``folder`` already has a talk.yaml.
    """
    outline = folder / OUTLINE
    if outline.exists():
        raise TalkdeckError(f"{outline}: already exists; talkdeck new never overwrites a talk "
                            "(give another folder: talkdeck new FOLDER)")
    if folder.exists() and not folder.is_dir():
        raise TalkdeckError(f"{folder}: is a file, not a folder")
    written = []
    try:
        (folder / "assets").mkdir(parents=True, exist_ok=True)
        for path, text in ((outline, STARTER), (folder / SCHEMA, schema_json()),
                           (folder / "assets" / "README.md", ASSETS_README)):
            if path != outline and path.exists():
                continue  # a schema or README already there is kept
            # "x": fails rather than overwrite, even if a talk.yaml appeared since the check above.
            with path.open("x", encoding="utf-8") as f:
                f.write(text)
            written.append(path)
    except FileExistsError:
        raise TalkdeckError(f"{outline}: already exists; talkdeck new never overwrites a talk") from None
    except OSError as e:
        raise TalkdeckError(f"{e.filename or folder}: cannot write here ({e.strerror})") from None
    return written
