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

function done(summary, latency, requests)
  io.write(string.format("WRK_RPS %.2f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("WRK_REQUESTS %d\n", summary.requests))
  io.write(string.format("WRK_ERRORS %d\n", summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
  io.write(string.format("WRK_NON2XX %d\n", summary.errors.status))
  io.write(string.format("WRK_P50_MS %.3f\n", latency:percentile(50) / 1000))
  io.write(string.format("WRK_P99_MS %.3f\n", latency:percentile(99) / 1000))
  io.write(string.format("WRK_BYTES %d\n", summary.bytes))
end
