#!/usr/bin/env bash
# Re-creates functions/core/src/main/resources/native/linux-{x86_64,aarch64}/libturbojpeg.so.0 from
# Debian 12's libturbojpeg0 packages and checks them against the hashes in native/README.md.
# Needs Debian/Ubuntu with apt and root (dpkg --add-architecture arm64 is added and removed again).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$REPO/functions/core/src/main/resources/native"
VERSION="${TURBOJPEG_DEB_VERSION:-1:2.1.5-2}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
added_arm64=0
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  dpkg --add-architecture arm64; added_arm64=1
fi
apt-get update -qq
( cd "$WORK" && apt-get download "libturbojpeg0:amd64=$VERSION" "libturbojpeg0:arm64=$VERSION" )
if [ "$added_arm64" = 1 ]; then dpkg --remove-architecture arm64; apt-get update -qq || true; fi
for pair in amd64:x86_64 arm64:aarch64; do
  deb_arch="${pair%%:*}"; arch="${pair#*:}"
  mkdir -p "$WORK/x-$deb_arch" "$DEST/linux-$arch"
  dpkg-deb -x "$WORK"/libturbojpeg0_*_"$deb_arch".deb "$WORK/x-$deb_arch"
  cp "$WORK/x-$deb_arch/usr/lib/$arch-linux-gnu/libturbojpeg.so.0.2.0" "$DEST/linux-$arch/libturbojpeg.so.0"
done
cp "$WORK/x-amd64/usr/share/doc/libturbojpeg0/copyright" "$DEST/COPYRIGHT-libjpeg-turbo.txt"
( cd "$DEST" && sha256sum linux-*/libturbojpeg.so.0 )
grep -q 4292207ec19b9543d29e13a71263ecd6ad89a28f880e5d201c76cfb168e6d056 <(sha256sum "$DEST/linux-x86_64/libturbojpeg.so.0") \
  && grep -q a953fad5cc022e6d728084973371401cdb6e74cce66d8c334d5caf8842ba3468 <(sha256sum "$DEST/linux-aarch64/libturbojpeg.so.0") \
  && echo "hashes match native/README.md" || echo "hashes differ from native/README.md: update the table" >&2
