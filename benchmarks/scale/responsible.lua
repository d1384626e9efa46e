-- wrk script: GET /api/responsible at a random position from a pre-generated points file ("lon<TAB>lat" lines).
-- The file is named by the POINTS environment variable (the scale script sets it). Each thread seeds its own RNG.
local points = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  local file = assert(io.open(os.getenv("POINTS"), "r"))
  for line in file:lines() do
    local lon, lat = line:match("^([^\t]+)\t([^\t]+)$")
    if lon then points[#points + 1] = "/api/responsible?lon=" .. lon .. "&lat=" .. lat end
  end
  file:close()
  math.randomseed(1000 + (id or 0))
end

function request()
  return wrk.format("GET", points[math.random(#points)])
end

-- The summary lines, from the file beside this script.
done = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk_report.lua")
