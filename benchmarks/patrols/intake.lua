-- wrk: POST /api/patrols, a 40-minute phone track (one fix every 10 s) along a chief's segment per request, each with
-- its own start time (so every request is a new patrol, never a replay). Templates: benchmarks/patrols/templates.sql.
local templates = {}
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  thread_id = id or 0
  for line in io.lines(args[1]) do
    local chief, coords = line:match("^([^\t]+)\t(.+)$")
    if chief then
      local positions = {}
      for lon, lat in coords:gmatch("([%-%d%.]+) ([%-%d%.]+)") do positions[#positions + 1] = "[" .. lon .. "," .. lat .. "]" end
      templates[#templates + 1] = { chief = chief, coordinates = table.concat(positions, ","), n = #positions }
    end
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/geo+json"
  -- The benchmark's office user (run.sh signs it in): a chief's patrol filed by the office over the chief.
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("RIVERGIS_TOKEN")
end

-- Starts from 30 days ago (a track in the future is refused), a new second per request of this thread, threads
-- interleaved: every request a new (chief, start), and a 20-s run at 1000 requests/s stays days in the past.
local base = os.time() - 30 * 86400

function request()
  counter = counter + 1
  local t = templates[(counter % #templates) + 1]
  local start = base + counter * 16 + thread_id
  local times = {}
  for i = 0, t.n - 1 do times[#times + 1] = '"' .. os.date("!%Y-%m-%dT%H:%M:%SZ", start + i * 10) .. '"' end
  local body = '{"type":"Feature","properties":{"chief_id":"' .. t.chief .. '","times":[' .. table.concat(times, ",")
    .. ']},"geometry":{"type":"LineString","coordinates":[' .. t.coordinates .. ']}}'
  return wrk.format(nil, "/api/patrols", nil, body)
end

statuses = {} -- a global: done() reads every thread's through thread:get
function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("intake\t%.1f\treq/s\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("intake_p50_ms\t%.1f\n", latency:percentile(50) / 1000))
  io.write(string.format("intake_p99_ms\t%.1f\n", latency:percentile(99) / 1000))
  io.write(string.format("intake_errors\t%d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  -- The answers by status over every thread (a refusal says what went wrong: 401, 403, 409, 429 …).
  local all = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses") or {}) do all[status] = (all[status] or 0) + n end
  end
  for status, n in pairs(all) do io.write(string.format("intake_status_%d\t%d\n", status, n)) end
end
