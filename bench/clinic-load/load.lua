-- load.lua: wrk's script for bench/clinic-load (run.sh says the method). Every request
-- is made by one of the clinic's people, read from IDS (one line each: kind, cookie,
-- CSRF token, pass, account id, the item-0 exercise), the next person of this wrk's
-- part each time. PART and PARTS split the people between the wrk processes, and each
-- wrk's threads split its part again, so no two requests ever write the same person's
-- day or session at once (a check-in is one a day: the same day twice would be a 409).
-- ROUTE names one route to load alone; without it the mix below. ORIGIN is the
-- Origin header changes carry; RUN (0, 1, ...) keeps each run's days and keys apart.
local ids_file = os.getenv("IDS")
local part = tonumber(os.getenv("PART") or "0")
local parts = tonumber(os.getenv("PARTS") or "1")
local only = os.getenv("ROUTE")
if only == "" then only = nil end
local origin = os.getenv("ORIGIN")
local nthreads = tonumber(os.getenv("THREADS") or "2")
local run = tonumber(os.getenv("RUN") or "0") -- each wrk run of a benchmark its own days and keys

local threads_made, made = 0, {}
function setup(thread)
  thread:set("tid", threads_made)
  threads_made = threads_made + 1
  made[#made + 1] = thread
end

local clients, trainers = {}, {}
local ci, ti, n = 0, 0, 0
local base_day

function init(args)
  local i = 0
  for line in io.lines(ids_file) do
    local kind, cookie, csrf, pass, id, fx = line:match("^(%S+) (%S+) (%S+) (%S+) (%S+) (%S+)$")
    if kind then
      -- person i belongs to wrk part (i % parts) and, in it, to thread ((i // parts) % threads)
      if i % parts == part and math.floor(i / parts) % nthreads == tid then
        local p = { cookie = cookie, csrf = csrf, pass = pass, id = id, fx = fx, day = 0, step = 0 }
        if kind == "trainer" then trainers[#trainers + 1] = p else clients[#clients + 1] = p end
      end
      i = i + 1
    end
  end
  base_day = os.time() - 86400 - run * 4000 * 86400
end

local function headers(p, extra)
  local h = { ["Cookie"] = "__Host-unhunch=" .. p.cookie, ["Origin"] = origin,
              ["X-CSRF-Token"] = p.csrf, ["Content-Type"] = "application/json" }
  for k, v in pairs(extra or {}) do h[k] = v end
  return h
end

local routes = {}
-- a check-in of a new day (counting back from yesterday), committed before the answer
routes.checkin = function(p)
  local day = os.date("!%Y-%m-%d", base_day - p.day * 86400)
  p.day = p.day + 1
  return wrk.format("POST", "/api/v1/checkins", headers(p),
    '{"date":"' .. day .. '","pain":' .. (p.day % 7) .. ',"regions":{"neck":' .. (p.day % 5) .. '},"stress":4}')
end
-- one set of the web player's session (a new session every 8 sets), with its pass
routes.set = function(p)
  p.step = p.step + 1
  local session = string.format("load-%d-%d-%s-%d", run, part, p.id, math.floor(p.step / 8))
  local key = string.format("k-%d-%d-%s-%d", run, part, p.id, p.step)
  local body = string.format('{"pass":"%s","session":"%s","at_ms":%d,"step":{"fx":"set","item":0,' ..
    '"exercise":"%s","set":%d,"side":"","reps_target":8,"reps_done":8,"duration_ms":30000}}',
    p.pass, session, os.time() * 1000, p.fx, p.step % 8 + 1)
  return wrk.format("POST", "/api/v1/session/steps", headers(p, { ["Idempotency-Key"] = key }), body)
end
-- the gate, as the player asks it before a session
routes.pass = function(p)
  return wrk.format("POST", "/api/v1/session/pass", headers(p), '{"routine":"upper-back-activation","pain":2}')
end
routes.today = function(p) return wrk.format("GET", "/", headers(p)) end
routes.progress = function(p) return wrk.format("GET", "/progress", headers(p)) end
routes.api_today = function(p) return wrk.format("GET", "/api/v1/today", headers(p)) end

-- the mix: what a client does most, with reads of the pages between
local mix = { "checkin", "set", "set", "today", "api_today", "progress", "checkin", "pass", "set", "today" }
-- a trainer's reads: the dashboard's page and its JSON (every client of the trainer at
-- once, bench/dashboard times it alone); in the mix every tenth request is one of these
local trainer_routes = {}
trainer_routes.dashboard = function(p) return wrk.format("GET", "/clinic", headers(p)) end
trainer_routes.api_dashboard = function(p) return wrk.format("GET", "/api/v1/clinic/dashboard", headers(p)) end

function request()
  n = n + 1
  local name = only or mix[n % #mix + 1]
  -- a thread with no trainer in its share makes a client's request instead
  if #trainers > 0 and (trainer_routes[name] or (not only and n % 10 == 0)) then
    if not trainer_routes[name] then
      local names = {}
      for k in pairs(trainer_routes) do names[#names + 1] = k end
      name = names[n % #names + 1]
    end
    ti = ti % #trainers + 1
    return trainer_routes[name](trainers[ti])
  end
  ci = ci % #clients + 1
  return (routes[name] or routes.today)(clients[ci])
end

-- Every answer that is not 2xx counts (wrk's own count leaves 3xx out: a session that
-- is not accepted is a 303 to the login); the first few are printed.
bad, shown = 0, 0
function response(status, hdrs, body)
  if status < 200 or status > 299 then
    bad = bad + 1
    if shown < 3 then
      shown = shown + 1
      io.stderr:write(string.format("not 2xx: %d %s\n", status, (body or ""):sub(1, 200)))
    end
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(made) do total = total + (t:get("bad") or 0) end
  io.write(string.format("Not 2xx: %d\n", total))
end
