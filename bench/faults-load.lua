-- wrk script of bench/faults.sh: GET the top-10 of a random user (ids 1..USERS) with the administrator's bearer
-- token (TOKEN) at a fixed RATE (requests/s: one every 1000/RATE ms on whichever connection is idle, whatever the
-- latencies, as bench/topn-load.lua), and every answer's time (CLOCK_MONOTONIC, in ms) and status written to LOG,
-- one line each, so that the longest stretch without a successful answer can be measured.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } faults_timespec;
  int clock_gettime(int clock_id, faults_timespec *tp);
]]
local CLOCK_MONOTONIC = 1

local users = tonumber(os.getenv("USERS") or "610")
local token = os.getenv("TOKEN") or ""
local rate = tonumber(os.getenv("RATE") or "200")
local log_path = os.getenv("LOG") or "/tmp/faults-reads.log"
local headers = { ["Authorization"] = "Bearer " .. token }
local interval = 1000 / rate
local timespec = ffi.new("faults_timespec")
local next_slot = nil
local log = nil

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed or 42)
  log = io.open(log_path, "w")
  log:setvbuf("line")
end

function request()
  return wrk.format("GET", string.format("/api/users/%d/recommendations?n=10", math.random(1, users)), headers)
end

function delay()
  local now = now_ms()
  next_slot = (next_slot or now) + interval
  return math.max(0, math.floor(next_slot - now))
end

function response(status, headers, body)
  log:write(string.format("%.1f %d\n", now_ms(), status))
end
