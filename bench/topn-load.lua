-- wrk script of bench/serving-topn.sh: GET the top-10 of a random user (ids 1..USERS) with the administrator's
-- bearer token (TOKEN), waiting PAUSE_MS before each request on a connection (0: as fast as possible).
local users = tonumber(os.getenv("USERS") or "200948")
local token = os.getenv("TOKEN") or ""
local pause = tonumber(os.getenv("PAUSE_MS") or "0")
local path = os.getenv("TOPN_PATH") or "/api/users/%d/recommendations?n=10"
local headers = { ["Authorization"] = "Bearer " .. token }

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed or 42)
end

function request()
  return wrk.format("GET", string.format(path, math.random(1, users)), headers)
end

function delay()
  return pause
end
