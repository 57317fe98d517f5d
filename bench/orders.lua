-- orders.lua — a wrk script: every request asks for another order, /stub/v1/orders/<8 digits>?express=<0|1>, as real
-- traffic to a provider does (the journal indexes each path for its q filter, and /stub/ping alone hides that cost).
-- Used by compare-builds.sh with PATHS=orders.
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/stub/v1/orders/" .. math.random(10000000, 99999999) .. "?express=" .. (counter % 2))
end
