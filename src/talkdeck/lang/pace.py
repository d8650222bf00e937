"""The speaking pace talkdeck assumes: kept apart so that the command line can show it as a default
without importing the planner's modules (``talkdeck --help`` stays fast)."""

#: Speaking rate used to estimate how long notes take to say, in words a minute.
WORDS_PER_MINUTE = 130
