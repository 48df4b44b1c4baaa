#!/usr/bin/env bash
# Fetches the libheif natives for the Lambda package from Debian (bookworm-backports libheif 1.19.7 with its
# libde265 and dav1d decoder plugins; libde265, dav1d and zlib from bookworm), for x86_64 and aarch64:
# downloads pinned .deb files, checks their sha256, extracts the shared libraries under their soname into
# OUT/linux-ARCH/, writes the load-order list heif-natives.txt and the Debian copyright files beside them,
# then runs verify-heif-natives.sh. Nothing is built; nothing here is committed (see README.md).
#
# Usage: fetch-heif-natives.sh OUT_DIR
# Env:   THUMBFLOW_DEB_CACHE (default ~/.cache/thumbflow/debs), THUMBFLOW_DEBIAN_MIRROR (default
#        http://deb.debian.org), used for both the debian and debian-security archives.
set -euo pipefail

out=${1:?usage: fetch-heif-natives.sh OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
cache=${THUMBFLOW_DEB_CACHE:-${HOME:-/tmp}/.cache/thumbflow/debs}
mirror=${THUMBFLOW_DEBIAN_MIRROR:-http://deb.debian.org}

# arch  kind    name in bundle (soname)  file in the .deb                                archive  pool path  sha256
# Order = load order: every library after the bundled libraries it NEEDs; plugins after libheif.
pins() {
cat <<'PINS'
x86_64  lib     libz.so.1               lib/x86_64-linux-gnu/libz.so.1.2.13                             debian-security pool/updates/main/z/zlib/zlib1g_1.2.13.dfsg-1+deb12u1_amd64.deb ad9f1ea0537a32c9eaecc619563a9db596a5dee33afce8393b1083f22d301e1d
x86_64  lib     libde265.so.0           usr/lib/x86_64-linux-gnu/libde265.so.0.1.4                      debian-security pool/updates/main/libd/libde265/libde265-0_1.0.11-1+deb12u4_amd64.deb 038ff6629b32b54a68755249796828ecd2fdc56a9d68034ef2f640ea2ea8ec9b
x86_64  lib     libdav1d.so.6           usr/lib/x86_64-linux-gnu/libdav1d.so.6.6.0                      debian pool/main/d/dav1d/libdav1d6_1.0.0-2+deb12u1_amd64.deb 197f08108242177aeae4c04aac11825c39b7d18598191ab769f910687ccb387f
x86_64  lib     libheif.so.1            usr/lib/x86_64-linux-gnu/libheif.so.1.19.7                      debian pool/main/libh/libheif/libheif1_1.19.7-1~bpo12+1_amd64.deb 6ddaf17ab519111c3d43b0c64506d48948eadb1be83e8f6c2db6c3ff27dece6e
x86_64  plugin  libheif-libde265.so     usr/lib/x86_64-linux-gnu/libheif/plugins/libheif-libde265.so    debian pool/main/libh/libheif/libheif-plugin-libde265_1.19.7-1~bpo12+1_amd64.deb 046ddef5c0cf870f5929d7eacf3720ec9934d632164959ba4b9e4f7e9c975dbf
x86_64  plugin  libheif-dav1d.so        usr/lib/x86_64-linux-gnu/libheif/plugins/libheif-dav1d.so       debian pool/main/libh/libheif/libheif-plugin-dav1d_1.19.7-1~bpo12+1_amd64.deb 2435bd4ded4d3e0f7c0d29307b1b634ae07f4e8313930580923150b8917d6b39
aarch64 lib     libz.so.1               lib/aarch64-linux-gnu/libz.so.1.2.13                            debian-security pool/updates/main/z/zlib/zlib1g_1.2.13.dfsg-1+deb12u1_arm64.deb 61477d8059daf1765683a73099cc17941e1970acb520fd238646dedf99eb16f6
aarch64 lib     libde265.so.0           usr/lib/aarch64-linux-gnu/libde265.so.0.1.4                     debian-security pool/updates/main/libd/libde265/libde265-0_1.0.11-1+deb12u4_arm64.deb e37fc9fbbbf3066f4eda689c0187f2d71d8262eaec5af270cadbac0b06f9fb45
aarch64 lib     libdav1d.so.6           usr/lib/aarch64-linux-gnu/libdav1d.so.6.6.0                     debian pool/main/d/dav1d/libdav1d6_1.0.0-2+deb12u1_arm64.deb 579c820b80ce3491143c411a342b3a222ce3a381c7c052e8c8501de5bace954f
aarch64 lib     libheif.so.1            usr/lib/aarch64-linux-gnu/libheif.so.1.19.7                     debian pool/main/libh/libheif/libheif1_1.19.7-1~bpo12+1_arm64.deb dd0cb7f82fcc6818ac75191712a6c89fd77c7e9a1967b400a8d4ea7605c1dd70
aarch64 plugin  libheif-libde265.so     usr/lib/aarch64-linux-gnu/libheif/plugins/libheif-libde265.so   debian pool/main/libh/libheif/libheif-plugin-libde265_1.19.7-1~bpo12+1_arm64.deb 4a31ebfc84b1b957f07617ae0ea8ece48629c7b582126e731888633fdc232706
aarch64 plugin  libheif-dav1d.so        usr/lib/aarch64-linux-gnu/libheif/plugins/libheif-dav1d.so      debian pool/main/libh/libheif/libheif-plugin-dav1d_1.19.7-1~bpo12+1_arm64.deb 4151217cbb9a2505c7a0bc37075089c60c97d21c20884d998c177b2b498e6d22
PINS
}

download() { # URL FILE
  if command -v curl >/dev/null; then curl -fsSL --retry 3 -o "$2" "$1"; else wget -q -O "$2" "$1"; fi
}

unpack_deb() { # DEB DIR
  if command -v dpkg-deb >/dev/null; then
    dpkg-deb -x "$1" "$2"
  else
    local tmp; tmp=$(mktemp -d)
    (cd "$tmp" && ar x "$1" && tar -xf data.tar.* -C "$2")
    rm -rf "$tmp"
  fi
}

mkdir -p "$cache"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for arch in x86_64 aarch64; do
  dest="$out/linux-$arch"
  rm -rf "$dest"
  mkdir -p "$dest/licenses"
  order="$dest/heif-natives.txt"
  {
    echo "# Load order for thumbflow's HeifLibrary: libraries by absolute path, dependencies first; then plugins."
    echo "# Written by functions/lambda/natives/fetch-heif-natives.sh from pinned Debian packages."
  } > "$order"
  while read -r a kind name inner archive pool sha; do
    [ "$a" = "$arch" ] || continue
    deb="$cache/$(basename "$pool")"
    if [ ! -f "$deb" ] || ! echo "$sha  $deb" | sha256sum -c --status; then
      echo "fetching $archive/$pool"
      download "$mirror/$archive/$pool" "$deb.part"
      mv "$deb.part" "$deb"
    fi
    if ! echo "$sha  $deb" | sha256sum -c --status; then
      echo "sha256 mismatch for $deb (expected $sha)" >&2
      exit 1
    fi
    x="$work/$arch-$(basename "$pool" .deb)"
    mkdir -p "$x"
    unpack_deb "$deb" "$x"
    cp -L "$x/$inner" "$dest/$name"
    chmod 0644 "$dest/$name"
    pkg=$(basename "$pool" | cut -d_ -f1)
    cp -L "$x/usr/share/doc/$pkg/copyright" "$dest/licenses/$pkg.copyright"
    echo "$kind $name" >> "$order"
  done < <(pins)
  # LGPL-3 (libheif, libde265) is GPL-3 plus additional permissions: both texts must travel with the binaries.
  for l in LGPL-3 GPL-3; do
    if [ -f "/usr/share/common-licenses/$l" ]; then
      cp "/usr/share/common-licenses/$l" "$dest/licenses/$l.txt"
    else
      echo "warning: /usr/share/common-licenses/$l not found; add the $l text to $dest/licenses before distributing" >&2
    fi
  done
done

bash "$here/verify-heif-natives.sh" "$out/linux-x86_64" "$out/linux-aarch64"
