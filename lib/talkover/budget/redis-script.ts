import 'server-only';

/**
 * rules.ts's windows as one atomic Lua script, so every instance books from one log.
 * Time is Redis's own `TIME` (tests may pass one), so clock skew between servers cannot double-book;
 * waits and pauses cross the wire as durations, never instants. The windows come from
 * budgetCaps(), so both implementations spend alike.
 *
 * KEYS: log (sorted set), pause (string with PX).
 * ARGV: op ('reserve' | 'pause' | 'snapshot'), now ('' for server time), then per op:
 *   reserve:  maxWaitMs, series (0/1), member, then cap, windowMs, seriesReserve for each window
 *   pause:    pauseForMs
 *   snapshot: cap, windowMs, seriesReserve for each window
 * Returns reserve: {1, waitMs} | {0, retryAfterMs (-1: never)}; pause: 1; snapshot: {remaining, pausedForMs}.
 */
export const BUDGET_SCRIPT = `
local now = tonumber(ARGV[2])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local op = ARGV[1]
if op == 'pause' then
  local forMs = tonumber(ARGV[3])
  if forMs > redis.call('PTTL', KEYS[2]) then redis.call('SET', KEYS[2], now + forMs, 'PX', forMs) end
  return 1
end
local first = 3
if op == 'reserve' then first = 6 end
local windows = {}
local longest = 0
for i = first, #ARGV, 3 do
  local ms = tonumber(ARGV[i + 1])
  table.insert(windows, {tonumber(ARGV[i]), ms, tonumber(ARGV[i + 2])})
  if ms > longest then longest = ms end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - longest)
local pausedFor = math.max(0, redis.call('PTTL', KEYS[2]))
if op == 'snapshot' then
  local remaining = nil
  for _, window in ipairs(windows) do
    local left = window[1] - redis.call('ZCOUNT', KEYS[1], '(' .. (now - window[2]), '+inf')
    if remaining == nil or left < remaining then remaining = left end
  end
  remaining = math.max(0, remaining or 0)
  if pausedFor > 0 then remaining = 0 end
  return {remaining, pausedFor}
end
if pausedFor > 0 then return {0, pausedFor} end
local maxWait = tonumber(ARGV[3])
local series = ARGV[4] == '1'
local count = redis.call('ZCARD', KEYS[1])
local at = now
if count > 0 then
  local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  at = math.max(at, tonumber(last[2]))
end
for _, window in ipairs(windows) do
  local cap, windowMs = window[1], window[2]
  if series then cap = cap - window[3] end
  if cap <= 0 then return {0, -1} end
  if count >= cap then
    local oldest = redis.call('ZRANGE', KEYS[1], count - cap, count - cap, 'WITHSCORES')
    at = math.max(at, tonumber(oldest[2]) + windowMs)
  end
end
local wait = at - now
local allowed = maxWait
if series then allowed = 0 end
if wait > allowed then return {0, math.max(1, wait)} end
redis.call('ZADD', KEYS[1], at, ARGV[5])
redis.call('PEXPIRE', KEYS[1], wait + longest)
return {1, wait}
`;
