-- wrk script: GET /api/responsible at a random position from a pre-generated points file ("lon<TAB>lat" lines).
-- The file is named by the POINTS environment variable (the scale script sets it). Each thread seeds its own RNG.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk_paths.lua")(function(paths)
  for line in assert(io.open(os.getenv("POINTS"), "r")):lines() do
    local lon, lat = line:match("^([^\t]+)\t([^\t]+)$")
    if lon then paths[#paths + 1] = "/api/responsible?lon=" .. lon .. "&lat=" .. lat end
  end
end, 1000)
