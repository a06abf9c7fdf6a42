-- bench/wrk.lua — wrk's script for bench/run.sh: counts the answers with the
-- expected status exactly (wrk itself counts only non-2xx/3xx), and prints one
-- machine-readable line at the end.
--
--   [BENCH_PATHS='/a|/b'] wrk ... -s bench/wrk.lua URL -- EXPECT [BODY]
--     EXPECT       statuses that count as the right answer, e.g. "200" or "302,303"
--     BODY         a form to POST (urlencoded); "" for GET
--     BENCH_PATHS  paths to send in rotation instead of URL's (only then is
--                  request() defined: wrk builds a static request once otherwise)
threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  expect = {}
  for s in string.gmatch(args[1] or "200", "%d+") do expect[tonumber(s)] = true end
  if args[2] and args[2] ~= "" then
    wrk.method = "POST"
    wrk.body = args[2]
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
  i = 0
  good = 0
  wrong = 0
  last_wrong = 0
end

local rotation = os.getenv("BENCH_PATHS")
if rotation and rotation ~= "" then
  paths = {}
  for p in string.gmatch(rotation, "[^|]+") do table.insert(paths, p) end
  request = function()
    i = i + 1
    return wrk.format(nil, paths[(i % #paths) + 1])
  end
end

function response(status, headers, body)
  if expect[status] then good = good + 1 else wrong = wrong + 1; last_wrong = status end
end

function done(summary, latency, requests)
  local g, w, lw = 0, 0, 0
  for _, t in ipairs(threads) do
    g = g + t:get("good")
    w = w + t:get("wrong")
    if t:get("last_wrong") ~= 0 then lw = t:get("last_wrong") end
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f p50_us=%d p99_us=%d expected=%d unexpected=%d last_unexpected=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    g, w, lw, e.connect + e.read + e.write + e.timeout))
end
