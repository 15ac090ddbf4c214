"""The live event stream: the game's events as server-sent events, served by `pawchain stream`.

One async process holds any number of open streams: one reader of the activity log per
process (`feed.Feed`, woken by PostgreSQL's notifications or polling SQLite) fans each new
event out to every subscriber whose filters it matches (`server`, aiohttp: imported by the
command, not here, so the web app can read the stream's rules without it).
docs/api.md, "Live events".
"""

from pawchain.stream.events import EVENT_TYPES, StreamEvent, StreamFilter
from pawchain.stream.params import PATH, BadParameter, parse

__all__ = ["EVENT_TYPES", "PATH", "BadParameter", "StreamEvent", "StreamFilter", "parse"]
