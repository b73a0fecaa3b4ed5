/// `api-plan.sh`: the plan as curl commands. It only prints them unless `RECSCAN_APPLY=1` and
/// the manager's address and API key are set, so reading it, or running it by mistake, changes
/// nothing.
enum APIPlanShell {
    static func script(_ requests: [APIRequest], run: String, unnamed: Int) -> String {
        var lines = [
            "#!/bin/sh",
            "# Deep Security API requests that carry out recscan run \(run): \(requests.count) request"
                + "\(requests.count == 1 ? "" : "s"), in order. Review api-plan.json first.",
            "# Prints each request. Sends them only when RECSCAN_APPLY=1, with DS_API_URL (for example",
            "# https://dsm.example.com:4119/api) and DS_API_KEY (an API key allowed to change policies and",
            "# computers) set; it stops at the first request the manager refuses.",
        ]
        if unnamed > 0 {
            lines.append(
                "# \(unnamed) change\(unnamed == 1 ? "" : "s") of the run could not be written as a request: the "
                    + "export does not list the rule or the level.")
        }
        lines += [
            "set -eu",
            "send() {",
            "  method=$1 path=$2 body=${3-}",
            "  if [ \"${RECSCAN_APPLY-}\" != 1 ]; then",
            "    printf '%s %s %s\\n' \"$method\" \"$path\" \"$body\"",
            "    return",
            "  fi",
            "  : \"${DS_API_URL:?set DS_API_URL to the API root, e.g. https://dsm.example.com:4119/api}\"",
            "  : \"${DS_API_KEY:?set DS_API_KEY to an API key}\"",
            "  url=\"${DS_API_URL%/}${path#/api}\"",
            "  if [ -n \"$body\" ]; then",
            "    printf 'api-secret-key: %s\\n' \"$DS_API_KEY\" | curl --fail-with-body -sS -X \"$method\" -H @- \\",
            "      -H 'api-version: v1' -H 'Content-Type: application/json' --data \"$body\" \"$url\"",
            "  else",
            "    printf 'api-secret-key: %s\\n' \"$DS_API_KEY\" | curl --fail-with-body -sS -X \"$method\" -H @- \\",
            "      -H 'api-version: v1' \"$url\"",
            "  fi",
            "  echo",
            "}",
        ]
        for (index, request) in requests.enumerated() {
            lines.append("")
            lines.append("# \(index + 1). \(comment(request.why))")
            var command = "send \(request.method) \(quoted(request.path))"
            if let body = request.body { command += " \(quoted(body.json))" }
            lines.append(command)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` on one comment line.
    private static func comment(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    /// `text` as one single-quoted shell word.
    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
