"""plan: a Talk → one SlideSpec per slide, pure (no file written, no pptx, no matplotlib).

``planner`` numbers the slides, adds the cover, bio, agenda, dividers and
closing, and hands each slide to the module of its kind (``KINDS`` in
``planner``); ``context`` is what every kind shares (the talk, theme, messages,
the template's frame, boxes and text fitting). ``spec`` is what comes out,
``frame`` what a template offers, ``timing`` the time cues and notes budget.

This package's ``__init__`` imports nothing, so that reading ``plan.frame`` or
``plan.spec`` does not load the whole planner.
"""
