"""Playing across two machines: a duet between two places, scored as if side by side.

Pure parts (stdlib + the core, no pygame, no sockets, no wall clock):

* :mod:`.messages` - the wire format: versioned, size-limited JSON lines, every field checked;
* :mod:`.clock` - NTP-style clock alignment from round trips;
* :mod:`.ledger` - the hits each side sent and received (sequence numbers, acks, dedupe) and the
  merged replay both sides score;
* :mod:`.chart_offer` - how the host's chart travels (generator arguments, or a content hash);
* :mod:`.song_clock` - song time from the shared clock, with pauses and resumes.

The asyncio side: :mod:`.link` (one connection: framing and timeouts), :mod:`.session` (the
match between two peers: lobby, clock alignment, start, hits, drops and reconnects, end),
:mod:`.endpoints` (listening and dialling) and :mod:`.headless` (bots playing a net match).
"""
