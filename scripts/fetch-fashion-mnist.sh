#!/usr/bin/env bash
# Fetches the four Fashion-MNIST idx files into data/fashion-mnist/ (or $1) from Debian's package
# dataset-fashion-mnist, unpacks them and checks their md5 sums. Takes the installed package's
# files when it is installed, else downloads the package (apt-get download, no root needed) and
# extracts it without installing. Safe to run again: files that are present and correct are kept.
set -euo pipefail

dest="${1:-$(cd "$(dirname "$0")/.." && pwd)/data/fashion-mnist}"
package="dataset-fashion-mnist"
installed=/usr/share/datasets/fashion-mnist

# md5 of the unpacked files (Debian recompresses the .gz, so the archives' sums differ upstream's)
declare -A md5=(
  [train-images-idx3-ubyte]=f4a8712d7a061bf5bd6d2ca38dc4d50a
  [train-labels-idx1-ubyte]=9018921c3c673c538a1fc5bad174d6f9
  [t10k-images-idx3-ubyte]=8181f5470baa50b63fa0f6fddb340f0a
  [t10k-labels-idx1-ubyte]=15d484375f8d13e6eb1aabb0c3f46965
)

good() { [[ -f "$dest/$1" ]] && [[ "$(md5sum "$dest/$1" | cut -d' ' -f1)" == "${md5[$1]}" ]]; }

missing=()
for f in "${!md5[@]}"; do good "$f" || missing+=("$f"); done
if ((${#missing[@]} == 0)); then
  echo "fetch-fashion-mnist: all four Fashion-MNIST files present and verified in $dest; nothing to do."
  exit 0
fi

mkdir -p "$dest"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ -f "$installed/train-images-idx3-ubyte.gz" ]]; then
  src_dir="$installed"
  echo "fetch-fashion-mnist: missing or wrong: ${missing[*]}; taking them from the installed $package"
else
  command -v apt-get >/dev/null || { echo "fetch-fashion-mnist: apt-get is needed to get Debian's $package" >&2; exit 1; }
  echo "fetch-fashion-mnist: missing or wrong: ${missing[*]}; getting Debian's $package with apt-get download ..."
  # apt's sandbox user cannot write a private temporary folder; the download is checked below anyway
  download() { (cd "$work" && apt-get download -q -o APT::Sandbox::User=root "$package" >/dev/null 2>"$work/apt.log"); }
  # a fresh machine may have no package lists yet: read them once (as root) and try again
  download || { ((EUID == 0)) && apt-get update -q >/dev/null 2>&1 && download; } || {
    cat "$work/apt.log" >&2
    echo "fetch-fashion-mnist: apt-get download $package failed (run apt-get update first?)" >&2
    exit 1
  }
  dpkg-deb -x "$work"/${package}_*.deb "$work/root"
  src_dir="$work/root$installed"
fi
for f in "${missing[@]}"; do
  src="$src_dir/$f.gz"
  [[ -f "$src" ]] || { echo "fetch-fashion-mnist: $package has no $f.gz" >&2; exit 1; }
  gzip -dc "$src" >"$dest/$f.part"
  actual="$(md5sum "$dest/$f.part" | cut -d' ' -f1)"
  if [[ "$actual" != "${md5[$f]}" ]]; then
    rm -f "$dest/$f.part"
    echo "fetch-fashion-mnist: md5 of $f is $actual, expected ${md5[$f]}; not installed" >&2
    exit 1
  fi
  mv "$dest/$f.part" "$dest/$f"
  echo "fetch-fashion-mnist: installed $dest/$f (md5 ok, $(stat -c %s "$dest/$f") bytes)"
done
echo "fetch-fashion-mnist: done; ${#missing[@]} file(s) installed, $((4 - ${#missing[@]})) already good, in $dest"
