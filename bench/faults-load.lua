-- wrk script of bench/faults.sh: the requests of bench/topn-load.lua (the top-10 of a random user, ids 1..USERS, with
-- the administrator's bearer token TOKEN, at a fixed RATE: one every 1000/RATE ms on whichever connection is idle,
-- whatever the latencies), with defaults of their own here (USERS 610, RATE 200), and every answer's time
-- (CLOCK_MONOTONIC, in ms) and status written to LOG, one line each, so that the longest stretch without a successful
-- answer can be measured.
topn_defaults = { USERS = "610", RATE = "200" }
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "topn-load.lua")

local log_path = os.getenv("LOG") or "/tmp/faults-reads.log"
local log = nil
local topn_init = init

function init(args)
  topn_init(args)
  log = io.open(log_path, "w")
  log:setvbuf("line")
end

function response(status, headers, body)
  log:write(string.format("%.1f %d\n", topn_now_ms(), status))
end
