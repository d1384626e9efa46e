-- wrk script: GET a 1000-feature page of /features/collections/segments/items at a random keyset position.
-- KEYS names a file of segment codes in key order (the scale script writes it, leaving out the last 1000 codes so
-- every page is full); PAGE_LIMIT overrides the page size (default 1000).
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk_paths.lua")(function(paths)
  local limit = os.getenv("PAGE_LIMIT") or "1000"
  for code in assert(io.open(os.getenv("KEYS"), "r")):lines() do
    paths[#paths + 1] = "/features/collections/segments/items?limit=" .. limit .. "&cursor=" .. code
  end
end, 2000)
