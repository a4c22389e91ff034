#!/usr/bin/env bash
# Refreshes sgd's server client after an API change: rewrites the OpenAPI snapshot from the running app
# (src/SgDesigner.Cli/Remote/openapi.json, through ApiClientSnapshotTests with SGD_UPDATE_OPENAPI=1), then
# regenerates src/SgDesigner.Cli/Remote/Client from it with Kiota (the local tool in .config/dotnet-tools.json).
# Usage: tools/update-api-client.sh            (from anywhere in the clone; CONFIG=Release to reuse a Release build)
set -euo pipefail
cd "$(dirname "$0")/.."
export NUGET_CERT_REVOCATION_MODE=offline DOTNET_CLI_TELEMETRY_OPTOUT=1 KIOTA_TUTORIAL_ENABLED=false

dotnet tool restore >/dev/null
CONFIG="${CONFIG:-Debug}"
dotnet build tests/SgDesigner.Web.Tests -c "$CONFIG" -v quiet -nologo
SGD_UPDATE_OPENAPI=1 dotnet run --project tests/SgDesigner.Web.Tests -c "$CONFIG" --no-build -- -class "*ApiClientSnapshotTests*"

# Only the operations sgd calls (the whole API would be ~10 times the code); add an -i line for a new one.
dotnet kiota generate --language CSharp --openapi src/SgDesigner.Cli/Remote/openapi.json \
  --output src/SgDesigner.Cli/Remote/Client --class-name SgdServerClient --namespace-name SgDesigner.Cli.Remote.Client \
  --type-access-modifier Internal --exclude-backward-compatible --clean-output --log-level Error \
  -i "/api/policies#GET" \
  -i "/api/policies/{policyId}/export#GET" \
  -i "/api/policies/{policyId}/drafts#POST" \
  -i "/api/policies/{policyId}/revisions/{revision}/reach#GET" \
  -i "/api/policies/{policyId}/revisions/{revision}/reach/batch#POST" \
  -i "/api/policies/{policyId}/revisions/{revision}/matrix#GET" \
  -i "/api/policies/{policyId}/revisions/{revision}/lint#GET" \
  -i "/api/policies/{policyId}/revisions/{revision}/check#POST" \
  -i "/api/policies/{policyId}/revisions/{revision}/diff/{other}#GET" \
  -i "/api/drafts/{draftId}#DELETE" \
  -i "/api/drafts/{draftId}/content#PUT" \
  -i "/api/drafts/{draftId}/request#POST" \
  -i "/api/requests/{requestId}/impact#GET"
echo "Client regenerated: rebuild (dotnet build src/SgDesigner.Cli) and commit src/SgDesigner.Cli/Remote."
