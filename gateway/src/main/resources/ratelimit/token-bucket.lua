-- Token bucket kept in one Redis hash per client. Takes up to ARGV[4] tokens, as many as there are.
-- KEYS[1]: the bucket. ARGV: capacity, tokens added per period, period in milliseconds, tokens wanted.
-- Returns {tokens granted, tokens left (floor), milliseconds until a token is available, milliseconds until full}.
-- Time comes from the Redis server so that every gateway instance agrees on it.
local capacity = tonumber(ARGV[1])
local refill_tokens = tonumber(ARGV[2])
local period_ms = tonumber(ARGV[3])
local wanted = tonumber(ARGV[4])
local rate = refill_tokens / period_ms

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local state = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = tonumber(state[1])
local updated = tonumber(state[2])
if tokens == nil or updated == nil then
  tokens = capacity
  updated = now
end
tokens = math.min(capacity, tokens + math.max(0, now - updated) * rate)

local granted = math.min(wanted, math.floor(tokens))
tokens = tokens - granted
local wait_ms = 0
if granted == 0 then
  wait_ms = math.ceil((1 - tokens) / rate)
end
local full_ms = math.ceil((capacity - tokens) / rate)

redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now))
redis.call('PEXPIRE', KEYS[1], full_ms + 1000)
return { granted, math.floor(tokens), wait_ms, full_ms }
