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

function done(summary, latency, requests)
  io.write(string.format("WRK_RPS %.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("WRK_REQUESTS %d\n", summary.requests))
  io.write(string.format("WRK_ERRORS %d\n", summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
  io.write(string.format("WRK_NON2XX %d\n", summary.errors.status))
  io.write(string.format("WRK_P50_MS %.3f\n", latency:percentile(50) / 1000))
  io.write(string.format("WRK_P99_MS %.3f\n", latency:percentile(99) / 1000))
  io.write(string.format("WRK_BYTES %d\n", summary.bytes))
end
