"""commands: what the ``talkdeck`` command line runs (build, check, watch, new, schema, preview).

Each command is a thin layer over :func:`talkdeck.build.build` and the stages;
``cli`` is the one place that turns a user's mistake into a message and an exit
code. Commands import the stages lazily, so ``talkdeck --help`` starts fast.
"""
