"""text: measuring and marking up text, shared by every stage.

``markup`` reads the inline markup of a text into runs; ``script`` classifies
characters (East Asian, breaking rules) from the stored table in
``unicode_table``; ``fit`` wraps and sizes text with the real font metrics so
that what is planned is what is drawn; ``color`` is contrast and mixing.
"""
