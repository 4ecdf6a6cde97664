-- TechEmpower's plaintext load (its toolset/wrk/pipeline.lua): each connection writes `depth`
-- requests back to back, then reads the answers; the depth comes after wrk's `--`:
--   wrk ... --script=pipeline.lua http://host/plaintext -- 16
-- wrk counts every answer as a request, so requests/s is per request, not per batch.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

function init(args)
  local depth = tonumber(args[1]) or 1
  local batch = {}
  for i = 1, depth do
    batch[i] = wrk.format()
  end
  pipelined = table.concat(batch)
end

function request()
  return pipelined
end
