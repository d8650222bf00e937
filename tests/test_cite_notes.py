"""Citations in a notes style (Chicago notes): a raised number in the text and the note at the foot of the
slide, "Ibid." only within a slide, and the notes set under the source line with the body kept clear of them."""

from __future__ import annotations

from talkdeck import layout as L
from talkdeck.load import load_talk
from talkdeck.plan.planner import plan_slides

from .test_cite import BIB, write_talk

TALK = """\
title: A historian's talk
bibliography: refs.bib
csl: chicago-notes-bibliography-subsequent-ibid
speaker:
  name: Ada
  bio: Ada wrote on steel [@hirata2024, 12].
sections:
  - title: Part
    slides:
      - title: Sources
        bullets:
          - Bo on the plan [@bo1991, 297].
          - The same page again [@bo1991, 297]
          - And the next [@bo1991, 298–299]
        source: "[@garver2016]"
        notes: As [@bo1991, 300] says.
      - title: Again
        bullets:
          - Bo once more [@bo1991, 301]
        notes: x
"""


def test_a_citation_is_a_raised_number_and_its_note_goes_to_the_foot_of_its_slide(tmp_path):
    talk = load_talk(write_talk(tmp_path, TALK, BIB.read_text(encoding="utf-8")), "talk.yaml")
    first, second = talk.sections[0].slides
    assert [b.text for b in first.bullets] == ["Bo on the plan.¹", "The same page again²", "And the next³"]
    assert first.footnotes[0].startswith("¹ Yibo Bo, *Ruogan") and first.footnotes[0].endswith("1991), 1:297.")
    assert first.footnotes[1:] == ["² Ibid., 1:297.", "³ Ibid., 1:298–299."]
    # On the next slide the work is cited in its short form, never "Ibid." of a note the audience did not see.
    assert second.bullets[0].text == "Bo once more¹"
    assert second.footnotes == ["¹ Bo, *Ruogan zhongda juece yu shijian de huigu*, 1:301."]
    # A source line of citations alone is the note itself; elsewhere (the bio, the speaker notes) in brackets.
    assert first.source.startswith("John W. Garver, *") and first.source.endswith("2016).")
    assert talk.speaker.bio.startswith("Ada wrote on steel (Koji Hirata, *Making Mao") and "12)." in talk.speaker.bio
    assert first.notes.startswith("As (") and first.notes.endswith(", 1:300) says.")


def test_the_notes_stand_under_the_source_line_and_the_body_above_them(tmp_path):
    talk = load_talk(write_talk(tmp_path, TALK, BIB.read_text(encoding="utf-8")), "talk.yaml")
    spec = next(s for s in plan_slides(talk)[0] if s.title == "Sources")
    foot, body = spec.text("source"), spec.text("body")
    assert [p.text for p in foot.paras][1:] == [n.replace("*", "") for n in talk.sections[0].slides[0].footnotes]
    assert foot.paras[0].text.startswith("Source: John W. Garver")
    assert body.box.y + body.box.h <= foot.box.y
    assert foot.box.y + foot.box.h == L.SOURCE.y + L.SOURCE.h and foot.box.h > L.SOURCE.h and foot.fits
