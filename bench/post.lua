-- wrk script: POSTs as several users at once. Arguments (after --): a setup file and the mode.
--   intake  POST /api/v1/service-requests with a fresh Idempotency-Key and a varied room, category and urgency
--   ping    POST /api/v1/ping (the no-op authenticated POST: what authentication alone costs)
-- The setup file has lines "token <bearer>", "room <code>" and "category <code>" (bench/lib.sh writes it).
dofile("bench/threads.lua")

function init(args)
  tokens, rooms, categories = {}, {}, {}
  for line in io.lines(args[1]) do
    local kind, value = line:match("^(%S+) (%S+)$")
    if kind == "token" then table.insert(tokens, value)
    elseif kind == "room" then table.insert(rooms, value)
    elseif kind == "category" then table.insert(categories, value) end
  end
  mode = args[2] or "intake"
  created, ok, other = 0, 0, 0
  n = 0
  math.randomseed(os.time() + id * 7919)
  run = string.format("%x%x", os.time(), id)
end

local urgencies = { "Normal", "Normal", "Normal", "Urgent", "Emergency" }

function request()
  n = n + 1
  local token = tokens[(n + id) % #tokens + 1]
  if mode == "ping" then
    return wrk.format("POST", "/api/v1/ping", { ["Authorization"] = "Bearer " .. token, ["Content-Length"] = "0" }, "")
  end
  local body = string.format(
    '{"categoryCode":"%s","roomCode":"%s","description":"bench %s-%d","urgency":"%s"}',
    categories[math.random(#categories)], rooms[math.random(#rooms)], run, n, urgencies[math.random(#urgencies)])
  return wrk.format("POST", "/api/v1/service-requests", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("bench-%s-%d", run, n),
  }, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status >= 200 and status < 300 then ok = ok + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local c, k, o = total("created"), total("ok"), total("other")
  local seconds = summary.duration / 1e6
  -- One line for bench/lib.sh to parse: answered/s, 201/s, other 2xx, failures, p50 p95 p99 (ms).
  io.write(string.format("RESULT %.1f %.1f %d %d %.1f %.1f %.1f %d\n",
    summary.requests / seconds, c / seconds, k, o + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, c))
end
