"""Templates mutated at random (seeded): any result is a deck that passes the schema check or one message,
never a traceback, a hang over 10 s or more than 1 GB of memory.

The mutations are those of a damaged or hostile file: members dropped, cut short, duplicated or of
lying size, bytes of the zip flipped, XML elements and attributes deleted or garbled, relationships
pointing nowhere, DTDs added. Their sources are the templates of ``tests/templates.py`` and, where
the machine has them, the real ones in ``/work/shared/templates-real/`` (read, never committed).

The builds run in one child process, each under a 10 s alarm; a deck is checked against the
ECMA-376 schemas, and may only fail where its template already does (a template with a schema error
of its own passes it on in its master and layouts: talkdeck must add none).
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import random
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from . import badtemplates
from . import templates as T
from .conftest import LAUNCH, MINIMAL, write_outline

VALIDATE = Path("/work/shared/ooxml/validate.py")
REAL = Path("/work/shared/templates-real")
SEED = int(os.environ.get("TALKDECK_FUZZ_SEED", "19"))  # another seed explores other mutations
MUTATIONS_PER_TEMPLATE = 4
MAX_MIB = 1024
HANG_SECONDS = 10

#: Runs each case's build under an alarm and writes what came of it; a bug's traceback is kept, not raised.
CHILD = """\
import json, os, resource, signal, sys, traceback
from pathlib import Path
from talkdeck.build import build
from talkdeck.errors import TalkdeckError

class Hang(Exception):
    pass

def alarm(*_):
    raise Hang()

signal.signal(signal.SIGALRM, alarm)
results = {}
for case in sorted(Path(sys.argv[1]).iterdir()):
    signal.alarm(HANG)
    try:
        build(case / "talk.yaml", case / "deck.pptx")
        results[case.name] = ["deck", ""]
    except TalkdeckError as e:
        results[case.name] = ["message", str(e)]
    except Hang:
        results[case.name] = ["hang", ""]
    except BaseException:
        results[case.name] = ["traceback", traceback.format_exc()]
    finally:
        signal.alarm(0)
results["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
Path(sys.argv[2]).write_text(json.dumps(results))
""".replace("HANG", str(HANG_SECONDS))

Members = dict[str, bytes]


def _xml_parts(members: Members) -> list[str]:
    return sorted(n for n in members if n.endswith((".xml", ".rels")))


def _edit_xml(members: Members, rng: random.Random, edit: Callable[[etree._Element, random.Random], bool]) -> None:
    for _ in range(10):  # a part with something to edit
        name = rng.choice(_xml_parts(members))
        root = etree.fromstring(members[name])
        if edit(root, rng):
            members[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            return


def drop_member(members: Members, rng: random.Random) -> None:
    del members[rng.choice(sorted(members))]


def cut_member(members: Members, rng: random.Random) -> None:
    name = rng.choice(sorted(members))
    members[name] = members[name][: rng.randrange(max(1, len(members[name])))]


def delete_element(members: Members, rng: random.Random) -> None:
    def edit(root, rng):
        children = [el for el in root.iter() if el is not root and isinstance(el.tag, str)]
        if not children:
            return False
        el = rng.choice(children)
        el.getparent().remove(el)
        return True
    _edit_xml(members, rng, edit)


def delete_attribute(members: Members, rng: random.Random) -> None:
    def edit(root, rng):
        owners = [el for el in root.iter() if isinstance(el.tag, str) and el.attrib]
        if not owners:
            return False
        el = rng.choice(owners)
        del el.attrib[rng.choice(sorted(el.attrib))]
        return True
    _edit_xml(members, rng, edit)


def garble_attribute(members: Members, rng: random.Random) -> None:
    def edit(root, rng):
        owners = [el for el in root.iter() if isinstance(el.tag, str) and el.attrib]
        if not owners:
            return False
        el = rng.choice(owners)
        el.set(rng.choice(sorted(el.attrib)), rng.choice(["", "-1", "x", "99999999999999999999", "1e9", "0"]))
        return True
    _edit_xml(members, rng, edit)


def dangling_target(members: Members, rng: random.Random) -> None:
    def edit(root, rng):
        rels = [el for el in root.iter() if el.get("Target")]
        if not rels:
            return False
        rng.choice(rels).set("Target", "../nowhere/missing.xml")
        return True
    for _ in range(10):
        name = rng.choice([n for n in members if n.endswith(".rels")])
        root = etree.fromstring(members[name])
        if edit(root, rng):
            members[name] = etree.tostring(root)
            return


def add_doctype(members: Members, rng: random.Random) -> None:
    name = rng.choice(_xml_parts(members))
    members[name] = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]>' + members[name].split(b"?>", 1)[-1]


def duplicate_member(members: Members, rng: random.Random) -> None:
    name = rng.choice(sorted(members))
    members[f"{name}\0twice"] = members[name][::-1]  # written under the same name by _zip


MUTATORS = [drop_member, cut_member, delete_element, delete_attribute, garble_attribute, dangling_target,
            add_doctype, duplicate_member]


def _zip(members: Members) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        warnings.simplefilter("ignore")  # a duplicate name, on purpose
        for name, blob in members.items():
            z.writestr(name.split("\0")[0], blob)
    return out.getvalue()


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """(what was done, the mutated package)."""
    if rng.random() < 0.15:  # the zip's own bytes: directory, headers, compressed data
        raw = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return "flipped bytes", bytes(raw)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    mutator = rng.choice(MUTATORS)
    mutator(members, rng)
    return mutator.__name__, _zip(members)


def sources(folder: Path) -> dict[str, bytes]:
    made = {"university": T.university, "band": T.band, "dark": T.dark, "side": T.side,
            "full_bleed": T.full_bleed, "serif": T.serif}
    out = {name: make(folder / f"{name}.pptx").read_bytes() for name, make in made.items()}
    out["python-pptx"] = badtemplates.good()
    if REAL.is_dir():
        out.update({p.name: p.read_bytes() for p in sorted(REAL.glob("*.pot[xm]")) + sorted(REAL.glob("*.pptx"))})
    return out


def _validator():
    spec = importlib.util.spec_from_file_location("ooxml_validate", VALIDATE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    schema, declared = module.load_schema(module.XSD_DIR), module.declared_elements(module.XSD_DIR)
    understood = set(module.SCHEMAS) | {module.MC, module.XML_NS}

    def violations(path: Path) -> set[tuple]:
        try:
            found, _, _ = module.validate_pptx(path, schema, declared, understood)
        except Exception:  # a template the validator cannot read at all: it excuses nothing in the deck
            return set()
        return {(kind, part, module.short(el), module.short(msg)) for kind, part, _, el, msg in found}
    return violations


def test_mutated_templates_give_a_valid_deck_or_a_message(tmp_path):
    rng = random.Random(SEED)
    cases = tmp_path / "cases"
    made: dict[str, tuple[str, str]] = {}
    for source, data in sources(tmp_path).items():
        for k in range(MUTATIONS_PER_TEMPLATE):
            what, blob = mutate(data, rng)
            folder = cases / f"{source}-{k}"
            (folder / "assets").mkdir(parents=True)
            (folder / "assets" / "house.pptx").write_bytes(blob)
            write_outline(folder, MINIMAL.replace("sections:", "theme:\n  template: assets/house.pptx\nsections:", 1))
            made[folder.name] = (source, what)
    for name, make in badtemplates.FIXTURES.items():  # the hostile ones of the bad corpus too
        folder = cases / f"hostile-{name}"
        (folder / "assets").mkdir(parents=True)
        (folder / "assets" / "house.pptx").write_bytes(make(badtemplates.good()))
        write_outline(folder, MINIMAL.replace("sections:", "theme:\n  template: assets/house.pptx\nsections:", 1))
        made[folder.name] = ("python-pptx", name)
    report = tmp_path / "results.json"
    done = subprocess.run([*LAUNCH, sys.executable, "-c", CHILD, str(cases), str(report)], capture_output=True,
                          text=True, timeout=HANG_SECONDS * len(made) + 60, env={**os.environ, "MPLBACKEND": "Agg"})
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(report.read_text())
    assert results.pop("maxrss_kib") / 1024 < MAX_MIB
    bad = {case: (made[case], kind, text[-1500:]) for case, (kind, text) in results.items()
           if kind in ("traceback", "hang")}
    assert not bad, bad
    for case, (kind, text) in results.items():
        if kind == "message":  # each problem one line at the template's key, none empty
            assert text and all(": theme.template: " in line for line in text.splitlines()), (case, text)
    kinds = [kind for kind, _ in results.values()]
    assert kinds.count("deck") >= 5 and kinds.count("message") >= 10, kinds  # the fuzz reaches both ends
    if not VALIDATE.is_file():
        pytest.skip("the ECMA-376 validator is not on this machine: decks not schema-checked")
    violations = _validator()
    for case, (kind, _) in results.items():
        if kind == "deck":
            extra = violations(cases / case / "deck.pptx") - violations(cases / case / "assets" / "house.pptx")
            assert not extra, (case, made[case], sorted(extra)[:5])
