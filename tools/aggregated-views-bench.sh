#!/usr/bin/env bash
# The aggregated-views benchmark (tests/SgDesigner.E2E.Tests AggregatedViewsBenchmark, explicit): a 10,000-instance
# draft opened in Chromium, arrival to first aggregated cell. Figures go to artifacts/benchmarks/aggregated-views-10000.txt.
#   tools/aggregated-views-bench.sh                  the Release build, as `dotnet run` runs the app
#   tools/aggregated-views-bench.sh --ready-to-run   a ReadyToRun publish of the same code (the app's, EF Core's and
#                                                    MudBlazor's compiled ahead), as the Docker image publishes the app
# Extra arguments go to the benchmark's environment, e.g. SGD_BENCH_WARMUP=0 or DOTNET_TieredPGO=1 (after the settings below, so they win);
# SGD_BENCH_NEW_TAB=1 opens each draft in a tab just opened (sessions up to 19) instead of one already on the site and settled;
# SGD_BENCH_EVENTS=1 writes the runtime's events of the first arrival to artifacts/benchmarks/first-arrival-events.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
# The app runs inside the test's process: with the runtime settings of its own runtimeconfig (SgDesigner.Web.csproj:
# the Web SDK's server GC, TieredPGO off, arrays up to 8 MB in the small-object heap), not the test project's defaults.
export DOTNET_gcServer=1 DOTNET_TieredPGO=0 DOTNET_GCLOHThreshold=0x800000
export NUGET_CERT_REVOCATION_MODE=offline
arch=$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')
if [[ ${1:-} == --ready-to-run ]]; then
  shift
  out=tests/SgDesigner.E2E.Tests/bin/ReadyToRun/net10.0
  dotnet publish tests/SgDesigner.E2E.Tests -c Release -a "$arch" --self-contained false -p:PublishReadyToRun=true -o "$out" >/dev/null
  # The app serves its static files from the build's manifest, which a publish leaves out.
  cp tests/SgDesigner.E2E.Tests/bin/Release/net10.0/linux-"$arch"/SgDesigner.Web.staticwebassets.*.json "$out/"
else
  out=tests/SgDesigner.E2E.Tests/bin/Release/net10.0
  dotnet build tests/SgDesigner.E2E.Tests -c Release >/dev/null
fi
(cd "$out" && env "$@" ./SgDesigner.E2E.Tests -explicit only -class "*AggregatedViewsBenchmark")
cat artifacts/benchmarks/aggregated-views-10000.txt
