-- wrk script: GET a 1000-feature page of /features/collections/segments/items at a random keyset position.
-- KEYS names a file of segment codes in key order (the scale script writes it, leaving out the last 1000 codes so
-- every page is full); PAGE_LIMIT overrides the page size (default 1000).
local paths = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  local limit = os.getenv("PAGE_LIMIT") or "1000"
  local file = assert(io.open(os.getenv("KEYS"), "r"))
  for code in file:lines() do
    paths[#paths + 1] = "/features/collections/segments/items?limit=" .. limit .. "&cursor=" .. code
  end
  file:close()
  math.randomseed(2000 + (id or 0))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

-- The summary lines, from the file beside this script.
done = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk_report.lua")
