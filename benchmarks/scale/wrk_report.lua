-- Shared by the wrk scripts: the summary lines run.sh reads (WRK_RPS, WRK_P99_MS, …).
return function(summary, latency, requests)
  io.write(string.format("WRK_RPS %.2f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("WRK_REQUESTS %d\n", summary.requests))
  io.write(string.format("WRK_ERRORS %d\n", summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
  io.write(string.format("WRK_NON2XX %d\n", summary.errors.status))
  io.write(string.format("WRK_P50_MS %.3f\n", latency:percentile(50) / 1000))
  io.write(string.format("WRK_P99_MS %.3f\n", latency:percentile(99) / 1000))
  io.write(string.format("WRK_BYTES %d\n", summary.bytes))
end
