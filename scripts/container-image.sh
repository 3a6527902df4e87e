#!/usr/bin/env bash
# Builds the container image app/target/poststelle-image.tar without a Docker daemon or registry.
#   scripts/container-image.sh [--rebuild-base]
# 1. The base image: a minimal Debian 12 root file system from Debian's mirror (mmdebstrap,
#    variant essential) with a Java runtime cut from the build JDK by jlink under /opt/java and the
#    user poststelle (uid 10001). It is written as a 'docker save' tar and cached under
#    ${XDG_CACHE_HOME:-~/.cache}/poststelle/, keyed by this script and the JDK version;
#    --rebuild-base builds it again (do so regularly for Debian's security updates).
# 2. The image: Jib (Maven profile 'image' of app/) puts the application's dependencies, resources
#    and classes as layers on that base and writes a tar that 'docker load' or 'podman load' accept.
# Needs root (mmdebstrap --mode=root) and the package mmdebstrap.
set -euo pipefail
cd "$(dirname "$0")/.."

rebuild_base=false
[ "${1:-}" = "--rebuild-base" ] && rebuild_base=true

export JAVA_HOME=${JAVA_HOME:-$(./poststelle java-home)}
command -v mmdebstrap >/dev/null || { echo "container-image: mmdebstrap is missing (apt-get install mmdebstrap)" >&2; exit 1; }

uid=10001
suite=bookworm
jdk_version=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.runtime\.version = //p')
cache=${XDG_CACHE_HOME:-$HOME/.cache}/poststelle
key=$( { cat "$0"; echo "$jdk_version"; } | sha256sum | cut -c1-16)
base=$cache/base-$key.tar

build_runtime() { # $1: target directory for the jlink runtime
  local wanted available modules
  # java.se plus what the gateway needs at run time beyond it: EC and PKCS#11 crypto, German
  # locale data, DNS, JMX/JFR, jcmd for heap dumps in the container.
  wanted="java.se jdk.crypto.ec jdk.crypto.cryptoki jdk.charsets jdk.localedata jdk.naming.dns jdk.net \
jdk.unsupported jdk.zipfs jdk.management jdk.management.jfr jdk.jfr jdk.jcmd jdk.attach jdk.security.auth jdk.security.jgss"
  available=$("$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//')
  modules=$(for m in $wanted; do grep -qx "$m" <<<"$available" && printf '%s,' "$m"; done)
  "$JAVA_HOME/bin/jlink" --add-modules "${modules%,}" --include-locales=de,en \
    --strip-debug --no-header-files --no-man-pages --output "$1"
}

# Wraps a root file system tar as a one-layer image in the 'docker save' format, which Jib reads
# as a tar:// base image.
write_image_tar() { # $1: rootfs tar, $2: output image tar
  local dir digest
  dir=$(mktemp -d)
  cp "$1" "$dir/layer.tar"
  digest=$(sha256sum "$dir/layer.tar" | cut -d' ' -f1)
  cat >"$dir/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"$(date -u +%Y-%m-%dT%H:%M:%SZ)",
 "config":{"User":"$uid:$uid","WorkingDir":"/opt/poststelle",
  "Env":["PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$digest"]},
 "history":[{"created_by":"scripts/container-image.sh: Debian $suite (mmdebstrap) + jlink runtime of JDK $jdk_version"}]}
EOF
  printf '[{"Config":"config.json","RepoTags":["poststelle-base:%s"],"Layers":["layer.tar"]}]\n' "$key" >"$dir/manifest.json"
  tar -C "$dir" -cf "$2" manifest.json config.json layer.tar
  rm -rf "$dir"
}

if $rebuild_base || [ ! -f "$base" ]; then
  echo "container-image: building the base image (Debian $suite + jlink runtime) ..." >&2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  build_runtime "$work/java"
  mirror=http://deb.debian.org/debian
  mmdebstrap --quiet --mode=root --variant=essential \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --customize-hook="cp -a '$work/java' \"\$1/opt/java\"" \
    --customize-hook="echo 'poststelle:x:$uid:$uid:Poststelle:/var/lib/poststelle:/usr/sbin/nologin' >>\"\$1/etc/passwd\"" \
    --customize-hook="echo 'poststelle:x:$uid:' >>\"\$1/etc/group\"" \
    --customize-hook="mkdir -p \"\$1/opt/poststelle/config\" \"\$1/var/lib/poststelle\" && chown $uid:$uid \"\$1/var/lib/poststelle\"" \
    --customize-hook='rm -rf "$1/var/cache/apt"/* "$1/var/lib/apt/lists"/* "$1/var/log"/*' \
    "$suite" "$work/rootfs.tar" \
    "deb $mirror $suite main" "deb $mirror $suite-updates main" "deb http://deb.debian.org/debian-security $suite-security main"
  mkdir -p "$cache"
  write_image_tar "$work/rootfs.tar" "$base.partial"
  mv "$base.partial" "$base"
fi
echo "container-image: base image $base" >&2

./mvnw -B -ntp -q package -DskipTests -Pimage -Dpoststelle.base-image="$base" -pl app -am
echo "container-image: wrote app/target/poststelle-image.tar" >&2
