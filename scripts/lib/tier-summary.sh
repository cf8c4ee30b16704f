# Sourced by scripts/test: counts the JUnit XML reports of each tier across all modules.

# Prints "tests failures errors skipped seconds" summed over the report files of one tier.
tier_counts() {
  local dir=$1
  local files
  files=$(find . -path "*/target/$dir/TEST-*.xml" -not -path './.git/*' 2>/dev/null)
  if [ -z "$files" ]; then
    echo "0 0 0 0 0"
    return
  fi
  # The root <testsuite ...> element of each report carries the counts as attributes.
  # shellcheck disable=SC2086
  grep -h -o '<testsuite [^>]*>' $files | awk '
    function attr(name,   m) { if (match($0, name "=\"[^\"]*\"")) { m = substr($0, RSTART, RLENGTH); sub(/^[^"]*"/, "", m); sub(/"$/, "", m); return m + 0 } return 0 }
    { t += attr("tests"); f += attr("failures"); e += attr("errors"); s += attr("skipped"); sec += attr("time") }
    END { printf "%d %d %d %d %.1f\n", t, f, e, s, sec }'
}

# Prints one line per tier and a closing total; returns 1 when a tier failed, was empty, or (in CI) skipped.
print_tier_summary() {
  local status=0 total_pass=0 total_fail=0 total_skip=0
  local tier dir tests failures errors skipped seconds passed failed
  printf '\n%-12s %6s %7s %7s %8s %9s\n' "tier" "ran" "passed" "failed" "skipped" "time"
  for tier in unit:surefire-reports integration:integration-reports end-to-end:e2e-reports systemd:systemd-reports; do
    dir=${tier#*:}
    tier=${tier%%:*}
    read -r tests failures errors skipped seconds < <(tier_counts "$dir")
    failed=$((failures + errors))
    passed=$((tests - failed - skipped))
    printf '%-12s %6d %7d %7d %8d %8ss\n' "$tier" "$tests" "$passed" "$failed" "$skipped" "$seconds"
    total_pass=$((total_pass + passed)); total_fail=$((total_fail + failed)); total_skip=$((total_skip + skipped))
    if [ "$tests" -eq 0 ]; then
      echo "  ^ the $tier tier ran no test: that is a failure, not a pass" >&2
      status=1
    fi
    [ "$failed" -eq 0 ] || status=1
    if [ "$skipped" -gt 0 ] && [ "${CI:-}" = "true" ]; then
      echo "  ^ $skipped $tier test(s) skipped: in CI every prerequisite must be present" >&2
      status=1
    fi
  done
  echo "total: $total_pass passed, $total_fail failed, $total_skip skipped"
  return $status
}
