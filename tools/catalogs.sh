#!/bin/sh
# Refresh talkdeck's message catalogs after changing src/talkdeck/lang/strings.py:
# extract the English texts into the template, merge it into every language's
# .po (new texts arrive untranslated; tests/test_i18n.py fails until they are
# translated), and compile each .po into the .mo that talkdeck reads.
# Add a language:  pybabel init -i src/talkdeck/lang/locales/talkdeck.pot -d src/talkdeck/lang/locales -D talkdeck -l pt
set -e
cd "$(dirname "$0")/.."
LOCALES=src/talkdeck/lang/locales
pybabel extract -F babel.cfg --no-default-keywords -k M:1c,2 -k P:1c,2,3 -c TRANSLATORS: \
    --project talkdeck --version 0.1.0 --copyright-holder "talkdeck contributors" --no-wrap -o $LOCALES/talkdeck.pot .
pybabel update -i $LOCALES/talkdeck.pot -d $LOCALES -D talkdeck --no-wrap --ignore-obsolete
pybabel compile -d $LOCALES -D talkdeck --statistics
