-- wrk script: POSTs the file named by the first script argument to the path of the second, and
-- counts the answers that are not 200 (wrk counts only status >= 400 and socket errors).
-- Usage: wrk ... -s post.lua URL -- BODY_FILE PATH
local body_file, path
not_ok = 0
threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  body_file, path = args[1], args[2]
  local file = assert(io.open(body_file, "rb"))
  wrk.body = file:read("*a")
  file:close()
  wrk.method = "POST"
  wrk.path = path
  wrk.headers["Content-Type"] = "application/json"
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local refused = 0
  for _, thread in ipairs(threads) do
    refused = refused + thread:get("not_ok")
  end
  io.write(string.format("answers other than 200: %d\n", refused))
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("requests %d in %.2f s: %.0f/s\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
end
