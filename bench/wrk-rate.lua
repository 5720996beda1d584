-- Paces every wrk connection: after each response it waits DELAY_MS before the next request,
-- so that N connections give roughly N * 1000 / DELAY_MS requests per second (Debian's wrk has
-- no -R fixed-rate option). wrk measures latency from send to response, without the pause.
local pause = tonumber(os.getenv("DELAY_MS") or "20")

function delay()
  return pause
end
