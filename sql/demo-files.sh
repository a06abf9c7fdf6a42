#!/usr/bin/env bash
# demo-files.sh — puts the demo files (sql/demo-files/) into the content store
# and prints, for demo.sql, one SQL line per file with its sha256 and size:
#   SET @f_<name>_sha = '<hex>', @f_<name>_size = <bytes>;
# where <name> is the file name with every non-alphanumeric character as "_".
# Store layout: $LL_VAR/files/<2 hex>/<2 hex>/<sha256> (named by content only).
# Nothing but those SQL lines goes to stdout.
set -euo pipefail

: "${LL_VAR:?LL_VAR must name the state directory}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$here/demo-files
store=$LL_VAR/files

shopt -s nullglob
for f in "$src"/*; do
	[[ -f $f ]] || continue
	base=${f##*/}
	var=${base//[^A-Za-z0-9]/_}
	sha=$(sha256sum -- "$f")
	sha=${sha%% *}
	size=$(stat -c %s -- "$f")
	dir=$store/${sha:0:2}/${sha:2:2}
	if [[ ! -e $dir/$sha ]]; then
		mkdir -p -- "$dir"
		tmp=$(mktemp "$dir/.tmp.XXXXXX")
		cp -- "$f" "$tmp"
		chmod 0644 -- "$tmp"
		mv -f -- "$tmp" "$dir/$sha"
	fi
	printf "SET @f_%s_sha = '%s', @f_%s_size = %d;\n" "$var" "$sha" "$var" "$size"
done
