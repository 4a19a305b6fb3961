#!/usr/bin/env bash
# The baseline of the default branch: the artifact $ARTIFACT of its latest successful run that
# still has it (artifacts are kept 90 days by default, unlike a cache's 7 days without access).
# Needs GH_TOKEN with actions:read. Writes dir=<folder> to $GITHUB_OUTPUT when found.
set -euo pipefail
dir="${RUNNER_TEMP:-/tmp}/lmi-bench-baseline"
mkdir -p "$dir"
ids=$(gh run list --repo "$GITHUB_REPOSITORY" --branch "$BRANCH" --status success --limit 20 --json databaseId --jq '.[].databaseId' || true)
for id in $ids; do
  if gh run download "$id" --repo "$GITHUB_REPOSITORY" --name "$ARTIFACT" --dir "$dir" >/dev/null 2>&1; then
    echo "lmi-bench: baseline from run $id of $BRANCH (artifact $ARTIFACT)"
    echo "dir=$dir" >> "$GITHUB_OUTPUT"
    exit 0
  fi
done
echo "lmi-bench: no artifact $ARTIFACT in the last 20 successful runs of $BRANCH; the check is skipped this time"
