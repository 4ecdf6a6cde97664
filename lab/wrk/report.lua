-- wrk's done() hook: print the run's figures as one JSON line that stackwise parses.
-- Latencies are in microseconds as wrk records them; the marker makes the line easy to find
-- among wrk's own human-readable output.

local function json_number(value)
  if value ~= value or value == math.huge or value == -math.huge then
    return "null"
  end
  return string.format("%.17g", value)
end

function done(summary, latency, requests)
  local errors = summary.errors
  local fields = {
    '"duration_us":' .. json_number(summary.duration),
    '"requests":' .. json_number(summary.requests),
    '"bytes":' .. json_number(summary.bytes),
    '"errors":{"connect":' .. json_number(errors.connect)
      .. ',"read":' .. json_number(errors.read)
      .. ',"write":' .. json_number(errors.write)
      .. ',"status":' .. json_number(errors.status)
      .. ',"timeout":' .. json_number(errors.timeout) .. '}',
    '"latency_us":{"min":' .. json_number(latency.min)
      .. ',"mean":' .. json_number(latency.mean)
      .. ',"max":' .. json_number(latency.max)
      .. ',"p50":' .. json_number(latency:percentile(50))
      .. ',"p90":' .. json_number(latency:percentile(90))
      .. ',"p99":' .. json_number(latency:percentile(99)) .. '}',
  }
  io.write("STACKWISE_WRK_JSON " .. "{" .. table.concat(fields, ",") .. "}\n")
end
