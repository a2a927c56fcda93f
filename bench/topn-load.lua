-- wrk script of bench/serving-topn.sh: GET the top-10 of a random user (ids 1..USERS) with the administrator's
-- bearer token (TOKEN).
--
-- With RATE (requests/s of this wrk thread) the requests follow a fixed schedule, one every 1000/RATE ms, whatever
-- the latencies: each request waits for the next free slot of the schedule (on any idle connection), and one
-- that comes late because every connection was busy goes at once, so the offered rate is RATE as long as enough
-- connections are open. Without RATE each connection sends its next request as soon as it has the answer.
--
-- bench/faults-load.lua runs this script (dofile) with defaults of its own (the global topn_defaults) and adds a log
-- of the answers, with the clock here (the global topn_now_ms).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } topn_timespec;
  int clock_gettime(int clock_id, topn_timespec *tp);
]]
local CLOCK_MONOTONIC = 1

local function setting(name, default)
  return os.getenv(name) or (topn_defaults and topn_defaults[name]) or default
end

local users = tonumber(setting("USERS", "200948"))
local token = os.getenv("TOKEN") or ""
local rate = tonumber(setting("RATE", "0"))
local path = os.getenv("TOPN_PATH") or "/api/users/%d/recommendations?n=10"
local headers = { ["Authorization"] = "Bearer " .. token }
local interval = rate > 0 and 1000 / rate or 0
local timespec = ffi.new("topn_timespec")
local next_slot = nil

-- CLOCK_MONOTONIC in ms
function topn_now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

-- Each run asks for other users (its seed from the clock; SEED=N repeats a run's users): a warm-up followed by a
-- measured run with the same seed would ask for the same users again, whose answers serving may keep.
local run_seed = tonumber(os.getenv("SEED") or "") or math.floor(topn_now_ms() * 1000) % 2147483647

function setup(thread)
  run_seed = run_seed + 1
  thread:set("seed", run_seed)
end

function init(args)
  math.randomseed(seed or 42)
end

function request()
  return wrk.format("GET", string.format(path, math.random(1, users)), headers)
end

function delay()
  if interval == 0 then
    return 0
  end
  local now = topn_now_ms()
  next_slot = (next_slot or now) + interval
  return math.max(0, math.floor(next_slot - now))
end
