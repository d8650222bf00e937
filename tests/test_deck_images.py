"""Pictures as cameras and phones save them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile

from PIL import Image

from talkdeck.deck import DeckBuilder
from talkdeck.load import load_talk
from talkdeck.plan.planner import plan_slides

from .conftest import MINIMAL, write_outline
from .deckcheck import deck_problems


def test_a_camera_jpeg_saved_as_mpo_goes_in_as_its_first_frame(outline_dir):
    (outline_dir / "assets").mkdir()
    Image.new("RGB", (400, 300), "#336699").save(outline_dir / "assets" / "map.png")
    photo = outline_dir / "assets" / "photo.jpg"
    Image.new("RGB", (400, 300), "#CC3311").save(photo, "MPO", save_all=True,
                                                 append_images=[Image.new("RGB", (400, 300), "#11CC33")])
    with Image.open(photo) as img:
        assert img.format == "MPO" and img.n_frames == 2
    # The loader accepts PNG, JPEG, GIF, BMP and TIFF: plan with a PNG, then hand the deck the MPO.
    outline = write_outline(outline_dir, MINIMAL.replace(
        "        bullets:\n          - one\n          - two\n", "        image: assets/map.png\n        alt: A photo\n"))
    talk = load_talk(outline, "talk.yaml")
    specs, _ = plan_slides(talk, "talk.yaml")
    deck = DeckBuilder(talk)
    for spec in specs:
        figures = [dataclasses.replace(f, image=photo) if f.image is not None else f for f in spec.figures]
        deck.add(dataclasses.replace(spec, figures=figures))
    data = deck.to_bytes(dt.datetime(2024, 1, 1))
    assert deck_problems(data) == []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        media = [n for n in z.namelist() if n.startswith("ppt/media/")]
        assert len(media) == 1 and media[0].endswith((".jpg", ".jpeg"))
        with Image.open(io.BytesIO(z.read(media[0]))) as img:
            assert img.format == "JPEG" and img.size == (400, 300)
            r, g, b = img.convert("RGB").getpixel((200, 150))
            assert r > 150 and g < 100  # the first frame, not the second


def test_a_phone_photo_is_shown_upright(outline_dir, run_cli):
    """A portrait stored as 800×400 pixels with EXIF orientation 6 (turn 90° clockwise) is 400×800 on the slide."""
    from PIL import Image
    from pptx import Presentation

    (outline_dir / "assets").mkdir()
    img = Image.new("RGB", (800, 400), "#336699")
    exif = img.getexif()
    exif[0x0112] = 6
    img.save(outline_dir / "assets" / "portrait.jpg", exif=exif.tobytes())
    write_outline(outline_dir, MINIMAL.replace(
        "        bullets:\n          - one\n          - two\n",
        "        image: assets/portrait.jpg\n        alt: A portrait\n"))
    assert run_cli("build").exit_code == 0
    slide = Presentation("build/talk.pptx").slides[4]
    pic = next(sh for sh in slide.shapes if sh.shape_type == 13)
    assert pic.height > pic.width
    with Image.open(io.BytesIO(pic.image.blob)) as shown:
        assert shown.size == (400, 800)
