-- Readers who keep a live page open, for scripts/bench.py: each connection asks again every
-- WRK_READER_PAUSE_MS milliseconds (give or take a tenth, so they drift apart as real
-- readers do) instead of as fast as it can. The connection stays open between polls (wrk
-- opens its next one before the pause, and counts a server's closing it as an error): the
-- server must keep idle connections longer than the pause, as nginx in front does (75 s).
-- Reports like wrk-report.lua.
local pause = tonumber(os.getenv("WRK_READER_PAUSE_MS")) or 10000

init = function(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

delay = function()
  return math.random(math.floor(pause * 0.9), math.floor(pause * 1.1))
end

dofile(os.getenv("WRK_REPORT_SCRIPT"))
