-- GET /api/products/{id} with Zipf-distributed popularity, for wrk:
--   wrk ... -s zipf-products.lua http://host:port -- <file of ids by rank> <exponent>
-- At the end it prints the answers by status ("status <code> <count>") and, of the 503 and
-- 429 answers, how many carried a Retry-After header ("retry-after <code> <count>").
local ids, cumulative = {}, {}
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  local exponent = tonumber(args[2] or "1.0")
  for line in io.lines(args[1]) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  local total = 0
  for rank = 1, #ids do
    total = total + 1 / rank ^ exponent
    cumulative[rank] = total
  end
  for rank = 1, #ids do cumulative[rank] = cumulative[rank] / total end
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
  -- globals of this thread's Lua state, read by done() through thread:get()
  statuses, retry_after = {}, {}
end

local function pick()
  local x, low, high = math.random(), 1, #cumulative
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < x then low = middle + 1 else high = middle end
  end
  return ids[low]
end

request = function()
  return wrk.format("GET", "/api/products/" .. pick())
end

response = function(status, headers)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 503 or status == 429 then
    for name in pairs(headers) do
      if string.lower(name) == "retry-after" then
        retry_after[status] = (retry_after[status] or 0) + 1
        break
      end
    end
  end
end

local function add(into, from)
  for code, count in pairs(from or {}) do into[code] = (into[code] or 0) + count end
end

function done()
  local all_statuses, all_retry_after = {}, {}
  for _, thread in ipairs(threads) do
    add(all_statuses, thread:get("statuses"))
    add(all_retry_after, thread:get("retry_after"))
  end
  for code, count in pairs(all_statuses) do io.write(string.format("status %d %d\n", code, count)) end
  for code, count in pairs(all_retry_after) do io.write(string.format("retry-after %d %d\n", code, count)) end
end
