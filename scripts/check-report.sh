#!/usr/bin/env bash
# Renders an initlab report page in headless Chromium and checks it.
#   scripts/check-report.sh DIR/report.html [out.png]
# Writes a screenshot at 1400 px width (default: next to the report, report.png), dumps the DOM and checks
# that it holds the summary table and at least one plot (<img>/<svg>), and that the page and every table fit
# a 1400-px window (no column cut off or scrolled out of view). Exits non-zero when Chromium is missing and
# cannot be installed, when rendering fails, or when a check fails.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 DIR/report.html [out.png]" >&2
  exit 2
fi
html=$1
[ -f "$html" ] || { echo "check-report: no such file: $html" >&2; exit 2; }
html_abs=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
out=${2:-$(dirname "$html_abs")/report.png}
case "$out" in /*) ;; *) out=$(pwd)/$out ;; esac

find_chromium() {
  local c
  for c in chromium chromium-browser google-chrome-stable google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then command -v "$c"; return 0; fi
  done
  return 1
}

if ! chrome=$(find_chromium); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "check-report: installing chromium (apt-get install -y chromium)" >&2
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } >&2 \
      || { echo "check-report: installing chromium failed" >&2; exit 3; }
    chrome=$(find_chromium) || { echo "check-report: chromium still not found after install" >&2; exit 3; }
  else
    echo "check-report: headless Chromium is needed: install the Debian package 'chromium' (as root: apt-get install -y chromium)" >&2
    exit 3
  fi
fi

# the window the report must fit (a laptop browser window)
width=1400
profile=$(mktemp -d)
dom=$(mktemp)
layout=$(mktemp -d)
trap 'rm -rf "$profile" "$dom" "$layout"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --disable-dev-shm-usage --hide-scrollbars)

rm -f "$out"
if ! timeout 120 "$chrome" "${flags[@]}" --user-data-dir="$profile" --screenshot="$out" --window-size=$width,3000 \
     "file://$html_abs" >/dev/null 2>"$profile.err"; then
  echo "check-report: chromium failed to render $html" >&2
  tail -n 20 "$profile.err" >&2 || true
  rm -f "$profile.err"
  exit 4
fi
rm -f "$profile.err"
if [ ! -s "$out" ] || [ "$(head -c 8 "$out" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
  echo "check-report: no PNG screenshot was written to $out" >&2
  exit 4
fi

# A copy of the page with a script that measures it in the same window: the document's width, and every table
# whose right edge leaves the window or that its scrolling wrapper (div.scroll) cuts off. --dump-dom prints the
# DOM after the script has run; the checks below read that one dump (the script adds no table, img or svg).
measure='<script>(function(){var w=window.innerWidth,bad=[];
document.querySelectorAll("table").forEach(function(t,i){var r=t.getBoundingClientRect(),p=t.parentElement;
var cut=p&&p.classList.contains("scroll")&&p.scrollWidth>p.clientWidth+1;
if(r.right>w+0.5||cut)bad.push((t.id||("table"+i))+"@"+Math.round(r.right)+"px");});
var o=document.createElement("pre");o.id="layout-check";
o.textContent="layout: window="+w+" document="+document.documentElement.scrollWidth+" overflowing="+(bad.length?bad.join(","):"none");
document.body.appendChild(o);})();</script>'
{ cat "$html_abs"; printf '%s\n' "$measure"; } >"$layout/page.html"   # a script after </html> still runs, in <body>
if ! timeout 120 "$chrome" "${flags[@]}" --user-data-dir="$profile" --window-size=$width,3000 --dump-dom \
     "file://$layout/page.html" >"$dom" 2>/dev/null || [ ! -s "$dom" ]; then
  echo "check-report: chromium could not dump the DOM of $html" >&2
  exit 4
fi
measured=$(grep -o 'layout: window=[0-9]* document=[0-9]* overflowing=[^<]*' "$dom" || true)

count() { { grep -o "$1" "$dom" || true; } | wc -l | tr -d ' '; }
imgs=$(count '<img')
svgs=$(count '<svg')
tables=$(count '<table')
summary=$(count 'id="summary-table"')
rows=$(awk '/id="summary-table"/,/<\/table>/' "$dom" | { grep -o '<tr' || true; } | wc -l | tr -d ' ')
echo "check-report: screenshot $out; DOM: $tables table(s), summary table rows: $rows, img: $imgs, svg: $svgs"
echo "check-report: ${measured:-layout: not measured}"
status=0
if [ -z "$measured" ]; then echo "check-report: FAIL: the layout could not be measured" >&2; status=5
else
  docw=$(sed 's/.*document=\([0-9]*\).*/\1/' <<<"$measured")
  winw=$(sed 's/.*window=\([0-9]*\).*/\1/' <<<"$measured")
  if [ "$docw" -gt "$winw" ]; then
    echo "check-report: FAIL: the page is $docw px wide, wider than the $winw-px window" >&2; status=5
  fi
  case "$measured" in
    *overflowing=none) ;;
    *) echo "check-report: FAIL: table(s) wider than the $winw-px window or cut off: ${measured##*overflowing=}" >&2; status=5 ;;
  esac
fi
if [ "$summary" -lt 1 ]; then echo "check-report: FAIL: no summary table (id=summary-table) in the DOM" >&2; status=5; fi
if [ "$rows" -lt 2 ]; then echo "check-report: FAIL: the summary table has no data rows" >&2; status=5; fi
if [ $((imgs + svgs)) -lt 1 ]; then echo "check-report: FAIL: no plot (img/svg) in the DOM" >&2; status=5; fi
if grep -qiE '(src|href)="(https?:)?//' "$dom"; then
  echo "check-report: FAIL: the page refers to an external URL" >&2; status=5
fi
exit $status
