-- wrk script: GETs the paths listed in a file (one a line), round robin, with one bearer token.
-- Arguments (after --): the paths file and the token.
dofile("bench/threads.lua")

function init(args)
  paths = {}
  for line in io.lines(args[1]) do table.insert(paths, line) end
  token = args[2]
  n, bad = id, 0
end

function request()
  n = n + 1
  return wrk.format("GET", paths[n % #paths + 1], { ["Authorization"] = "Bearer " .. token })
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local b = total("bad")
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT %.1f %.1f %d %d %.1f %.1f %.1f %d\n",
    summary.requests / seconds, summary.requests / seconds, 0, b,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.requests))
end
