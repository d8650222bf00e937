"""export: the written deck turned into what a speaker carries and looks at (PDF, PNG previews).

``convert`` runs LibreOffice headless, each run with its own profile and a time limit; ``live``
keeps one running for ``talkdeck watch --preview`` (``uno_worker`` drives it, ``locate`` finds it,
``sparse`` makes the copy of the deck it draws).
"""
