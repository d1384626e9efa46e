-- Shared by the wrk scripts: wrk_paths(load, seed) makes each thread request a random path of the list that load(paths)
-- fills (each thread seeds its RNG with seed + its number) and report the summary lines run.sh reads (wrk_report.lua).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local counter = 0

return function(load, seed)
  local paths = {}
  function setup(thread)
    counter = counter + 1
    thread:set("id", counter)
  end
  function init(args)
    load(paths)
    math.randomseed(seed + (id or 0))
  end
  function request()
    return wrk.format("GET", paths[math.random(#paths)])
  end
  done = dofile(here .. "wrk_report.lua")
end
