-- wrk script: GET a page of /features/collections/segments/items for a random 0.2° box (what a panning map client
-- asks). BOXES names a file of "minLon,minLat,maxLon,maxLat" lines (the scale script writes it from bench_boxes, the
-- same boxes pgbench and MapServer get); PAGE_LIMIT is the page size (default 1000); PAGE_PATH overrides the items
-- path (MapServer's OAPIF: /ogcapi/collections/segments/items).
local paths = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  local limit = os.getenv("PAGE_LIMIT") or "1000"
  local path = os.getenv("PAGE_PATH") or "/features/collections/segments/items"
  local file = assert(io.open(os.getenv("BOXES"), "r"))
  for box in file:lines() do
    paths[#paths + 1] = path .. "?limit=" .. limit .. "&bbox=" .. box
  end
  file:close()
  math.randomseed(3000 + (id or 0))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

-- The summary lines, from the file beside this script.
done = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk_report.lua")
