"""talkdeck: a YAML outline of a talk → a 16:9 PowerPoint deck with matplotlib charts."""

__version__ = "0.1.0"
