-- GET /api/products/{id} with Zipf-distributed popularity, for wrk:
--   wrk ... -s zipf-products.lua http://host:port -- <file of ids by rank> <exponent>
local ids, cumulative = {}, {}

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
