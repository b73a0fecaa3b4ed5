#!/usr/bin/env bash
# export.sh - save the Deep Security Manager responses that `recscan scan --ds-export DIR` reads.
#
# Usage: DS_API_URL=https://dsm.example:4119/api DS_API_KEY=... tools/deepsecurity/export.sh DIR
#        tools/deepsecurity/export.sh --help
#
# Writes one JSON response body per file under its API path (layout: Samples/ds-export/README.md):
#   DIR/api/policies.json, computers.json, intrusionpreventionrules.json,
#   integritymonitoringrules.json, loginspectionrules.json, applicationtypes.json,
#   DIR/api/{policies,computers}/ID/{module}/rules.json      (the level's rule overrides)
#   DIR/api/computers/ID/{module}/assignments.json           (the manager's recommendation scan)
# A level's rules.json is left out when the level overrides no rule of that module (the manager
# answers an empty list); a per-ID response the manager answers with 404 is left out too. Any
# other failure stops the export with a non-zero exit.
#
# Headers: api-secret-key: $DS_API_KEY, api-version: v1, Content-Type: application/json.
# curl reads them from standard input (a curl config), so the key is not on any command line;
# one curl run fetches the lists and one more every per-ID response, over one connection.
# DS_CURL_OPTS adds curl options, e.g. DS_CURL_OPTS="--cacert /path/dsm-ca.pem" for a manager
# with its own certificate authority.
#
# Paging: the list requests used here (GET /api/policies, /api/computers, /api/...rules,
# /api/applicationtypes) take no paging parameter in the API (the SDK documents them as "Lists
# all ..."); only the POST .../search requests page (SearchFilter maxItems, default 5000, then
# a search for IDs greater than the last one). This loop does not page: on a manager whose
# lists are cut short, page with search instead.
#
# IDs are read from the saved lists with jq where it is installed, else with python3.
set -euo pipefail

if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ] || [ $# -ne 1 ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  [ $# -eq 1 ] && exit 0 || exit 2
fi
: "${DS_API_URL:?set DS_API_URL, e.g. https://dsm.example:4119/api}"
: "${DS_API_KEY:?set DS_API_KEY to an API key secret}"
out="$1"
api="${DS_API_URL%/}"
modules="intrusionprevention integritymonitoring loginspection"
status="$(mktemp)"
trap 'rm -f "$status"' EXIT

# fetch required|optional PATH[?QUERY]...: save the body of each GET $api/PATH[?QUERY] as
# $out/api/PATH.json. An optional response answered with 404 is left out; any other answer
# but 200 stops the export.
fetch() {
  local mode="$1" request file config="" key="${DS_API_KEY//\\/\\\\}" n=0 code
  shift
  key="${key//\"/\\\"}"
  for request in "$@"; do
    file="$out/api${request%%\?*}.json"
    [ -d "${file%/*}" ] || mkdir -p "${file%/*}"
    config+="url = \"$api$request\""$'\n'"output = \"$file\""$'\n'
  done
  # shellcheck disable=SC2086  # DS_CURL_OPTS is a list of options
  printf 'header = "api-secret-key: %s"\nheader = "api-version: v1"\nheader = "Content-Type: application/json"\n%s' \
    "$key" "$config" | curl -sS ${DS_CURL_OPTS:-} -K - -w '%{http_code} %{filename_effective}\n' >"$status" || true
  while read -r code file; do
    n=$((n + 1))
    if [ "$code" = 200 ]; then continue; fi
    if [ "$code" = 404 ] && [ "$mode" = optional ]; then rm -f "$file"; continue; fi
    echo "export.sh: ${file#"$out/"} answered HTTP $code: $(head -c 300 "$file" 2>/dev/null)" >&2
    rm -f "$file"
    exit 1
  done <"$status"
  if [ "$n" -ne $# ]; then echo "export.sh: curl answered $n of $# requests" >&2; exit 1; fi
}

# ids FILE KEY: the ID of every object in the list KEY of FILE, one a line.
ids() {
  if command -v jq >/dev/null 2>&1; then jq -r ".$2[].ID" "$1"
  else python3 -c 'import json,sys; [print(o["ID"]) for o in json.load(open(sys.argv[1]))[sys.argv[2]]]' "$1" "$2"; fi
}

# empty_list FILE: true when FILE is a wrapper object holding one empty list, {"key": []}.
empty_list() {
  local body
  body="$(<"$1")"
  body="${body//[[:space:]]/}"
  [[ "$body" =~ ^\{\"[A-Za-z]+\":\[\]\}$ ]]
}

fetch required "/policies?overrides=true" \
  "/computers?expand=computerSettings&expand=intrusionPrevention&expand=integrityMonitoring&expand=logInspection&overrides=true" \
  /intrusionpreventionrules /integritymonitoringrules /loginspectionrules /applicationtypes
requests=()
for level in policies computers; do
  for id in $(ids "$out/api/$level.json" "$level"); do
    for m in $modules; do
      requests+=("/$level/$id/$m/rules?overrides=true")
      if [ "$level" = computers ]; then requests+=("/computers/$id/$m/assignments"); fi
    done
  done
done
fetch optional "${requests[@]}"
for request in "${requests[@]}"; do
  file="$out/api${request%%\?*}.json"
  if [[ "$request" == */rules\?* ]] && [ -f "$file" ] && empty_list "$file"; then rm -f "$file"; fi
done
find "$out/api" -type d -empty -delete
echo "export.sh: saved $(find "$out/api" -name '*.json' | wc -l | tr -d ' ') responses under $out/api"
