-- wrk script: GET a page of /features/collections/segments/items for a random 0.2° box (what a panning map client
-- asks). BOXES names a file of "minLon,minLat,maxLon,maxLat" lines (the scale script writes it from bench_boxes, the
-- same boxes pgbench and MapServer get); PAGE_LIMIT is the page size (default 1000); PAGE_PATH overrides the items
-- path (MapServer's OAPIF: /mapserv/rivergis/ogcapi/collections/segments/items).
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk_paths.lua")(function(paths)
  local limit = os.getenv("PAGE_LIMIT") or "1000"
  local path = os.getenv("PAGE_PATH") or "/features/collections/segments/items"
  for box in assert(io.open(os.getenv("BOXES"), "r")):lines() do
    paths[#paths + 1] = path .. "?limit=" .. limit .. "&bbox=" .. box
  end
end, 3000)
