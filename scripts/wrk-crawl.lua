-- A crawler's walk for scripts/bench.py: every request asks for the next address of the list
-- in WRK_CRAWL_LIST (one path per line), each address once; a thread stops when its share of
-- the list is done. Reports like wrk-report.lua.
local paths = {}
for line in io.lines(os.getenv("WRK_CRAWL_LIST")) do
  paths[#paths + 1] = line
end
local counter = 0
local threads = {}

setup = function(thread)
  counter = counter + 1
  thread:set("id", counter)
  threads[#threads + 1] = thread
end

init = function(args)
  -- thread `id` of `count` takes paths id, id + count, id + 2 * count, …
  count = tonumber(args[1]) or 1
  next_index = id
end

request = function()
  local path = paths[next_index]
  next_index = next_index + count
  if path == nil then
    -- the list is done (give a longer one than the run can read): no address twice
    wrk.thread:stop()
    path = paths[1]
  end
  return wrk.format(nil, path)
end

dofile(os.getenv("WRK_REPORT_SCRIPT"))
