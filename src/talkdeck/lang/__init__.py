"""lang: the talk's language: catalogs of the words talkdeck writes, numbers, dates, quantities, pace.

``strings`` declares every text talkdeck generates (the message ids); ``i18n``
finds the catalog for a language tag and formats messages, dates and numbers
with Babel; ``numfmt`` writes numbers without Babel where that is enough;
``quantities`` tells a figure that needs a source from a year or a label;
``pace`` is the default speaking rate.
"""
