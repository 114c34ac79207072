-- Shared by post.lua and get.lua: wrk runs one Lua state per thread; the main state keeps the threads so that
-- done() can add up the counters each one kept.
threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function total(name)
  local sum = 0
  for _, t in ipairs(threads) do sum = sum + t:get(name) end
  return sum
end
