-- The SaaS workload: every request authenticates as one of the 1,000 accounts (key-1..key-1000),
-- chosen at random per request, so the dashboard query does not hit one account's cached pages.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
end

function init(args)
  -- A fixed seed per thread: the same key sequence on every run and for every app.
  math.randomseed(2026 + (thread_number or 0))
end

function request()
  local account = math.random(1, 1000)
  return wrk.format(nil, nil, { ["Authorization"] = "Bearer key-" .. account })
end
