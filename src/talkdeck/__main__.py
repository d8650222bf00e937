"""``python -m talkdeck`` is the ``talkdeck`` command."""

from .commands.cli import main

if __name__ == "__main__":
    main()
