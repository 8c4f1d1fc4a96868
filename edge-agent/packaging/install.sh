#!/usr/bin/env bash
# Installs (or upgrades) a Relais node on a Raspberry Pi (Raspberry Pi OS 64-bit, bookworm):
# the edge agent, and on nodes that have them the kiosk and the site broker. Run it as root;
# running it again is safe: it replaces only what changed and restarts what needs it.
#
# The one installer: this file in edge-agent/packaging/ is also the install.sh of every node
# bundle rendered by provisioning ("relais provision render"), beside the same units. Two ways:
#
#   sudo ./install.sh
#       from a node's bundle, extracted on the Pi (relais-<node>-firstboot.tar.gz): node.conf
#       beside this script says what the node has; agent.yaml, ca.crt (and client.crt,
#       client.key, kiosk.yaml, site-broker.conf) come with it; relais-agent.jar (and
#       relais-kiosk.jar) are copied beside it, or already in /opt/relais.
#
#   sudo ./install.sh RELAIS_AGENT_JAR AGENT_YAML
#       from edge-agent/packaging (no node.conf): the agent alone, with your own jar and
#       configuration (its storage.file should be /var/lib/relais/agent.db).
#
# Environment, for staging and tests:
#   DESTDIR=DIR              install the files under DIR instead of /; creates no user or group,
#                            changes no owner, runs no apt-get, systemctl nor udevadm (prints them
#                            instead) and so does not need root
#   RELAIS_SKIP_APT=1        never run apt-get (Java 17, polkitd, and cage, Xwayland and wlr-randr
#                            for a kiosk, must be there)
#   RELAIS_NO_SYSTEMCTL=1    install the files but enable and start nothing
#   RELAIS_ALLOW_ANY_ARCH=1  do not insist on 64-bit ARM (aarch64) for a bundle
#
# What goes where, and why each owner and mode:
#   groups gpio, input, dialout   created if missing (Raspberry Pi OS and Debian have them)
#   user relais               system user, no login: the agent needs no root; in the groups gpio
#                             (/dev/gpiochip*, Pi4J), input (USB badge readers that type like a
#                             keyboard) and dialout (serial badge readers)
#   /opt/relais/              root 0755   the jars; the agent cannot replace its own code
#   /etc/relais/              root:relais 1770  the agent's set-config writes agent.yaml.new
#                             and agent.yaml.previous here; the sticky bit (1) keeps it from
#                             replacing the root-owned files beside them. 1771 with a kiosk:
#                             relais-kiosk may then reach kiosk.yaml by its name, not list
#                             the folder, and the secrets beside it stay 0600
#   /etc/relais/agent.yaml    relais 0600 holds the node's MQTT password; owned by relais so
#                             set-config may replace it despite the sticky bit
#   /etc/relais/agent.jvm.options root 0644  the JVM options the unit passes to java
#   /etc/relais/agent.env     root 0600   if present: secrets systemd reads for the agent
#   /etc/relais/ca.crt        root 0644   the broker's CA certificate (public), from a bundle
#   /etc/relais/client.crt    root 0644   the node's TLS certificate (public), if any
#   /etc/relais/client.key    relais 0600 its private key, if any
#   /var/lib/relais/          relais 0750 the agent's database (systemd's StateDirectory=)
#   /etc/systemd/system/relais-agent.service, relais-agent-retry.service and .timer   root 0644
#   /etc/udev/rules.d/70-relais.rules    root 0644  GPIO, serial and badge reader devices to
#                             those groups, stable names under /dev/relais/, a DSI panel's
#                             backlight to the group video; udev reloaded
#   /etc/polkit-1/rules.d/50-relais-agent.rules  root 0644  lets relais restart the kiosk's
#                             unit, start relais-screen@on/off.service, and reboot
#                             (restart-kiosk, the kiosk watch, reboot)
# With a kiosk, also: the packages cage, xwayland and wlr-randr, user relais-kiosk (groups
# video, render, input), its home folder /home/relais-kiosk (JavaFX and GTK caches),
# /etc/relais/kiosk.yaml (root 0644), relais-kiosk.service, relais-screen@.service and
# /opt/relais/relais-screen (root 0755; the kiosk watch switches the screen through them, as the
# kiosk's user), and the desktop's display manager is disabled because the kiosk takes the
# screen (see the unit).
# With a site broker (localBroker: true in the inventory), also: the mosquitto package (2.0.13
#   or later: from Debian's bookworm-backports, added to apt's sources, where the release's is older),
#   /etc/relais-site-broker/  root:mosquitto 0750  its mosquitto.conf (0640, holds the node's
#                             password for the bridge) and ca.crt; mosquitto reads them as itself
#   /var/lib/relais-site-broker/  its persistence (systemd's StateDirectory=)
#   /etc/systemd/system/relais-site-broker.service, and Debian's own mosquitto.service disabled
set -euo pipefail

readonly AGENT_USER=relais
readonly KIOSK_USER=relais-kiosk
readonly AGENT_GROUPS=(gpio input dialout)
readonly AGENT_SERVICE=relais-agent
readonly RETRY_TIMER=relais-agent-retry
readonly KIOSK_SERVICE=relais-kiosk
readonly SCREEN_SERVICE=relais-screen@
readonly SCREEN_SWITCH=relais-screen
readonly SITE_BROKER_SERVICE=relais-site-broker
readonly DEST="${DESTDIR:-}"
readonly OPT_DIR="$DEST/opt/relais"
readonly ETC_DIR="$DEST/etc/relais"
readonly STATE_DIR="$DEST/var/lib/relais"
readonly UNIT_DIR="$DEST/etc/systemd/system"
readonly UDEV_RULES="$DEST/etc/udev/rules.d/70-relais.rules"
readonly POLKIT_RULES="$DEST/etc/polkit-1/rules.d/50-relais-agent.rules"
readonly SITE_BROKER_DIR="$DEST/etc/relais-site-broker"
readonly KIOSK_HOME=/home/$KIOSK_USER
readonly JAVA=/usr/bin/java
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly HERE

# What this node has: read from node.conf in a bundle; the agent alone otherwise.
BUNDLE=0
NODE=''
SITE=''
HAS_KIOSK=0
HAS_CLIENT_CERTIFICATE=0
HAS_SITE_BROKER=0
AGENT_JAR_ARG=''
AGENT_YAML="$HERE/agent.yaml"

say() { printf 'install.sh: %s\n' "$*"; }
die() { printf 'install.sh: error: %s\n' "$*" >&2; exit 1; }

usage() {
  cat >&2 <<'EOF'
Usage: sudo ./install.sh                              (in an extracted node bundle)
       sudo ./install.sh RELAIS_AGENT_JAR AGENT_YAML  (in edge-agent/packaging: the agent alone)

  RELAIS_AGENT_JAR  the agent's jar (./relais build -> edge-agent/target/relais-agent.jar)
  AGENT_YAML        the node's configuration; its storage.file should be /var/lib/relais/agent.db
EOF
  exit 2
}

# node.conf is data, not a script: each line is checked, nothing in it is run.
read_node_conf() {
  local line key value number=0
  while IFS= read -r line || [ -n "$line" ]; do
    number=$((number + 1))
    case "$line" in ''|'#'*) continue ;; esac
    key="${line%%=*}"
    value="${line#*=}"
    [ "$key" != "$line" ] || die "node.conf line $number is not KEY=value: $line"
    case "$key" in
      NODE|SITE)
        [[ "$value" =~ ^[a-z0-9][a-z0-9-]{0,62}$ ]] || die "node.conf: $key '$value' is not an id" ;;
      HAS_KIOSK|HAS_CLIENT_CERTIFICATE|HAS_SITE_BROKER)
        [[ "$value" =~ ^[01]$ ]] || die "node.conf: $key must be 0 or 1, got '$value'" ;;
      *) die "node.conf: unknown setting '$key'" ;;
    esac
    printf -v "$key" '%s' "$value"
  done < "$HERE/node.conf"
  if [ -z "$NODE" ] || [ -z "$SITE" ]; then die "node.conf must name the NODE and its SITE"; fi
}

read_arguments() {
  if [ -f "$HERE/node.conf" ]; then
    [ $# -eq 0 ] || die "this is the bundle of a node: put relais-agent.jar beside install.sh and run it without arguments"
    BUNDLE=1
    read_node_conf
  else
    [ $# -eq 2 ] || usage
    [ -f "$1" ] || die "no jar at '$1' (build it on a workstation with ./relais build)"
    [ -f "$2" ] || die "no configuration at '$2'"
    AGENT_JAR_ARG="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
    AGENT_YAML="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
  fi
}

# A staged installation (DESTDIR) must not change the machine it runs on: print instead.
on_system() {
  if [ -n "$DEST" ]; then
    say "DESTDIR is set, not running: $*"
    return 0
  fi
  "$@"
}

set_owner() { # owner path [the path to name in a staged installation]
  if [ -n "$DEST" ]; then
    say "DESTDIR is set, not running: chown $1 ${3:-${2#"$DEST"}}"
    return 0
  fi
  chown "$1" "$2"
}

check_root() {
  if [ -z "$DEST" ] && [ "$(id -u)" -ne 0 ]; then
    die "run me as root: sudo $0"
  fi
}

# A bundle carries the kiosk's JavaFX jar, built for 64-bit ARM only; the agent alone runs anywhere.
check_architecture() {
  if [ "$BUNDLE" = 0 ] || [ "${RELAIS_ALLOW_ANY_ARCH:-0}" = 1 ]; then
    return 0
  fi
  local machine userland
  machine="$(uname -m)"
  if [ "$machine" != aarch64 ]; then
    die "this bundle is for a Raspberry Pi running Raspberry Pi OS 64-bit (aarch64); this machine is $machine"
  fi
  # A 32-bit Raspberry Pi OS boots a 64-bit kernel on a Pi 4 or 5, so uname says aarch64 there
  # too. dpkg knows the userland.
  if command -v dpkg >/dev/null 2>&1; then
    userland="$(dpkg --print-architecture)"
    if [ "$userland" != arm64 ]; then
      die "this system's packages are $userland, not arm64: install Raspberry Pi OS 64-bit"
    fi
  fi
}

# The file to install for a jar: the argument, the one beside this script, or nothing when
# /opt/relais already has it. Fails when there is none.
jar_source() { # name
  if [ "$1" = relais-agent.jar ] && [ -n "$AGENT_JAR_ARG" ]; then
    printf '%s\n' "$AGENT_JAR_ARG"
  elif [ -f "$HERE/$1" ]; then
    printf '%s\n' "$HERE/$1"
  elif [ -f "$OPT_DIR/$1" ]; then
    printf '\n'
  else
    return 1
  fi
}

# Everything that can be missing is checked before anything is changed, and named at once.
check_files() {
  local name missing=()
  local packaged=(agent.jvm.options relais-udev.rules relais-polkit.rules "$AGENT_SERVICE.service"
    "$RETRY_TIMER.service" "$RETRY_TIMER.timer")
  if [ "$BUNDLE" = 1 ]; then packaged+=(agent.yaml ca.crt); fi
  if [ "$HAS_CLIENT_CERTIFICATE" = 1 ]; then packaged+=(client.crt client.key); fi
  if [ "$HAS_KIOSK" = 1 ]; then packaged+=("$KIOSK_SERVICE.service" "$SCREEN_SERVICE.service" "$SCREEN_SWITCH"); fi
  if [ "$HAS_SITE_BROKER" = 1 ]; then packaged+=(site-broker.conf "$SITE_BROKER_SERVICE.service"); fi
  for name in "${packaged[@]}"; do
    [ -f "$HERE/$name" ] || die "$HERE/$name is missing: run install.sh from the folder it came with (a node's extracted bundle, or edge-agent/packaging)"
  done
  jar_source relais-agent.jar >/dev/null || missing+=(relais-agent.jar)
  if [ "$HAS_KIOSK" = 1 ]; then
    jar_source relais-kiosk.jar >/dev/null || missing+=(relais-kiosk.jar)
    [ -f "$HERE/kiosk.yaml" ] || [ -f "$ETC_DIR/kiosk.yaml" ] || missing+=(kiosk.yaml)
  fi
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  {
    printf 'install.sh: error: missing %s. Nothing was changed.\n' "${missing[*]}"
    for name in "${missing[@]}"; do
      case "$name" in
        relais-agent.jar) printf '  relais-agent.jar: copy it beside this script (%s/) or to /opt/relais/.\n    Build it on a workstation with "./relais build": edge-agent/target/relais-agent.jar (any architecture).\n' "$HERE" ;;
        relais-kiosk.jar) printf '  relais-kiosk.jar: copy it beside this script (%s/) or to /opt/relais/.\n    Build it for the Pi: mvn -B -pl kiosk -am package -Djavafx.platform=linux-aarch64 (kiosk/target/relais-kiosk.jar);\n    a kiosk jar built for a PC does not start on a Pi.\n' "$HERE" ;;
        kiosk.yaml) printf '  kiosk.yaml: the kiosk'"'"'s configuration (site.name, site.kind, see kiosk/kiosk.example.yaml),\n    beside this script or at /etc/relais/kiosk.yaml.\n' ;;
      esac
    done
    printf 'Then run install.sh again.\n'
  } >&2
  exit 1
}

java_major() { # the major version of $JAVA, or nothing
  "$JAVA" -version 2>&1 | sed -n 's/^[^"]*version "\([0-9][0-9]*\).*/\1/p' | head -n 1
}

java_is_recent() {
  local major=""
  if [ -x "$JAVA" ]; then major="$(java_major)"; fi
  [ -n "$major" ] && [ "$major" -ge 17 ]
}

ensure_packages() {
  local wanted=()
  java_is_recent || wanted+=(openjdk-17-jre-headless)
  # restart-kiosk, the kiosk watch and reboot ask systemd through polkit.
  [ -x /usr/lib/polkit-1/polkitd ] || wanted+=(polkitd)
  if [ "$HAS_SITE_BROKER" = 1 ] && [ ! -x /usr/sbin/mosquitto ]; then wanted+=(mosquitto); fi
  if [ "$HAS_KIOSK" = 1 ]; then
    [ -x /usr/bin/cage ] || wanted+=(cage)
    # JavaFX draws through GTK 3 on X11, which cage provides through Xwayland.
    [ -x /usr/bin/Xwayland ] || wanted+=(xwayland)
    ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0' || wanted+=(libgtk-3-0)
    # relais-screen switches cage's outputs with it.
    [ -x /usr/bin/wlr-randr ] || wanted+=(wlr-randr)
    # The kiosk's "Écouter" button reads the screen aloud with it.
    [ -x /usr/bin/espeak-ng ] || wanted+=(espeak-ng)
  fi
  if [ "${#wanted[@]}" -eq 0 ]; then
    return 0
  fi
  if [ "${RELAIS_SKIP_APT:-0}" = 1 ]; then
    say "RELAIS_SKIP_APT=1: not installing ${wanted[*]}; the services need them to start"
    return 0
  fi
  say "installing ${wanted[*]}…"
  on_system apt-get update
  on_system env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${wanted[@]}"
  if [ -z "$DEST" ] && ! java_is_recent; then
    die "$JAVA is still not Java 17 or later; choose it with: update-alternatives --config java"
  fi
}

# The site broker holds a place's messages while the central broker is out of reach, then sends
# them in order over its bridge. Mosquitto before 2.0.13 does not hold a session's in-flight window
# when the other end acknowledges in order, and drops messages once the backlog is long
# (hub/README.md, "What ingestion costs"). Raspberry Pi OS bookworm has 2.0.11; Debian's
# bookworm-backports, on the same mirror, a fixed one.
BROKER_UPGRADED=0
ensure_recent_site_broker() {
  local version codename mirror keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  if [ "$HAS_SITE_BROKER" != 1 ] || [ -n "$DEST" ] || [ "${RELAIS_SKIP_APT:-0}" = 1 ]; then
    return 0
  fi
  version="$(dpkg-query -W -f='${Version}' mosquitto 2>/dev/null || true)"
  if [ -z "$version" ] || dpkg --compare-versions "$version" ge 2.0.13; then
    return 0
  fi
  # shellcheck disable=SC1091 # the Pi's own file, read for its codename only
  codename="$( (. /etc/os-release && echo "${VERSION_CODENAME:-}") 2>/dev/null || true)"
  if ! grep -rqs -- "$codename-backports" /etc/apt/sources.list /etc/apt/sources.list.d; then
    # shellcheck disable=SC2016 # $(REPO_URI) is apt's field, not the shell's
    mirror="$(apt-get indextargets --format '$(REPO_URI)' 'Origin: Debian' "Codename: $codename" 2>/dev/null \
      | sort -u | grep -m 1 . || true)"
    if [ -z "$codename" ] || [ -z "$mirror" ]; then
      old_site_broker "$version" "no Debian backports suite was found for this system"
      return 0
    fi
    { printf 'Types: deb\nURIs: %s\nSuites: %s-backports\nComponents: main\n' "$mirror" "$codename"
      if [ -f "$keyring" ]; then echo "Signed-By: $keyring"; fi; } >/etc/apt/sources.list.d/relais-backports.sources
    say "added Debian's $codename-backports to apt's sources, for mosquitto 2.0.13 or later"
    apt-get update
  fi
  say "upgrading mosquitto $version from $codename-backports…"
  # The node's own install goes on if this fails: its broker works, it only risks a long backlog.
  if env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -t "$codename-backports" \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold mosquitto; then
    BROKER_UPGRADED=1
  else
    old_site_broker "$version" "apt-get could not install it from $codename-backports"
  fi
}

old_site_broker() { # version why
  say "warning: mosquitto $1 can drop messages after a long outage (2.0.13 or later does not), and $2:"
  say "  install a later mosquitto by hand, then run this script again"
}

# cage switches its outputs off and on again (wlr-randr, for relais-screen) from 0.2.0: Debian
# bookworm has 0.1.4, which cannot, and 0.1.5 crashes when an output comes back. Said now rather
# than found out at the first closing time; nothing else depends on it.
check_cage_version() {
  local version
  if [ -n "$DEST" ] || ! command -v dpkg-query >/dev/null 2>&1; then
    return 0
  fi
  version="$(dpkg-query -W -f='${Version}' cage 2>/dev/null || true)"
  if [ -n "$version" ] && dpkg --compare-versions "$version" lt 0.2.0; then
    say "warning: cage $version cannot switch an HDMI screen off (cage 0.2.0 or later can, as in Debian trixie):"
    say "  the kiosk watch's screen commands then switch only a DSI panel's backlight, and report screen-failed otherwise"
  fi
}

# The agent's device groups, which the udev rules name: Raspberry Pi OS has them all; an image
# without gpio (plain Debian) gets it, or its udev rule would name a group that does not exist.
ensure_groups() {
  local group
  for group in "${AGENT_GROUPS[@]}"; do
    if [ -n "$DEST" ]; then
      say "DESTDIR is set, not creating the group $group if it is missing"
    elif ! getent group "$group" >/dev/null; then
      groupadd --system "$group"
      say "created the group $group"
    fi
  done
}

ensure_user() { # name comment home create-home(yes|no) group...
  local name=$1 comment=$2 home=$3 create=$4 group
  shift 4
  if [ -n "$DEST" ]; then
    say "DESTDIR is set, not creating the system user $name (home $home), nor adding it to: $*"
    return 0
  fi
  if ! id -u "$name" >/dev/null 2>&1; then
    local home_option=--no-create-home
    if [ "$create" = yes ]; then home_option=--create-home; fi
    useradd --system --user-group --home-dir "$home" "$home_option" \
      --shell /usr/sbin/nologin --comment "$comment" "$name"
    say "created the system user $name"
  fi
  for group in "$@"; do
    # A group the image lacks (render on an old one) is not needed there.
    if getent group "$group" >/dev/null && ! id -nG "$name" | tr ' ' '\n' | grep -qx "$group"; then
      usermod -a -G "$group" "$name"
      # Groups are read when a process starts: the service must restart to have it.
      CHANGED=1
      say "added $name to the group $group"
    fi
  done
}

make_dir() { # path owner mode
  mkdir -p "$1"
  set_owner "$2" "$1"
  chmod "$3" "$1"
}

# Copies SRC to DEST with an owner and a mode, through a temporary file renamed into place: a
# running JVM keeps reading the old jar instead of crashing on a file rewritten under it, and a
# secret is never readable by others, even for an instant. Sets CHANGED=1 when content differed.
CHANGED=0
put() { # src dest owner mode
  local src=$1 dest=$2 owner=$3 mode=$4 tmp
  if [ -f "$dest" ] && cmp -s "$src" "$dest"; then
    set_owner "$owner" "$dest"
    chmod "$mode" "$dest"
    return 0
  fi
  mkdir -p "$(dirname "$dest")"
  tmp="$(dirname "$dest")/.$(basename "$dest").installing"
  (umask 077 && cp -- "$src" "$tmp")
  set_owner "$owner" "$tmp" "${dest#"$DEST"}"
  chmod "$mode" "$tmp"
  mv -f -- "$tmp" "$dest"
  CHANGED=1
  say "installed ${dest#"$DEST"}"
}

# set-config may have replaced agent.yaml remotely since the last installation: keep that one.
install_agent_config() {
  local dest="$ETC_DIR/agent.yaml" backup
  if [ -f "$dest" ] && ! cmp -s "$AGENT_YAML" "$dest"; then
    backup="$dest.before-install-$(date +%Y%m%d-%H%M%S)"
    cp -p -- "$dest" "$backup"
    say "${dest#"$DEST"} differs from $AGENT_YAML (set-config may have changed it): kept as ${backup#"$DEST"}"
  fi
  put "$AGENT_YAML" "$dest" "$AGENT_USER:$AGENT_USER" 0600
  if ! grep -q "/var/lib/relais/" "$dest"; then
    say "warning: agent.yaml does not mention /var/lib/relais/; a relative storage.file puts the database in /etc/relais."
  fi
}

# The device rules, and udev told at once: a reader plugged in before the installation gets
# its group and its /dev/relais/ name without a reboot.
install_udev_rules() {
  local before=$CHANGED
  CHANGED=0
  put "$HERE/relais-udev.rules" "$UDEV_RULES" root:root 0644
  if [ "$CHANGED" = 1 ]; then
    if [ -n "$DEST" ] || command -v udevadm >/dev/null 2>&1; then
      on_system udevadm control --reload
      on_system udevadm trigger --action=change --subsystem-match=gpio --subsystem-match=tty --subsystem-match=input \
        --subsystem-match=backlight
    else
      say "udevadm not found: the udev rules apply from the next boot"
    fi
  fi
  if [ "$before" = 1 ]; then CHANGED=1; fi
}

install_files() {
  local jar
  make_dir "$OPT_DIR" root:root 0755
  local etc_mode=1770
  if [ "$HAS_KIOSK" = 1 ]; then etc_mode=1771; fi
  make_dir "$ETC_DIR" "root:$AGENT_USER" "$etc_mode"
  make_dir "$STATE_DIR" "$AGENT_USER:$AGENT_USER" 0750
  mkdir -p "$UNIT_DIR"

  jar="$(jar_source relais-agent.jar)"
  if [ -n "$jar" ]; then put "$jar" "$OPT_DIR/relais-agent.jar" root:root 0644; fi
  install_agent_config
  put "$HERE/agent.jvm.options" "$ETC_DIR/agent.jvm.options" root:root 0644
  if [ "$BUNDLE" = 1 ]; then put "$HERE/ca.crt" "$ETC_DIR/ca.crt" root:root 0644; fi
  if [ "$HAS_CLIENT_CERTIFICATE" = 1 ]; then
    put "$HERE/client.crt" "$ETC_DIR/client.crt" root:root 0644
    put "$HERE/client.key" "$ETC_DIR/client.key" "$AGENT_USER:$AGENT_USER" 0600
  fi
  if [ -f "$ETC_DIR/agent.env" ]; then
    # Read by systemd as root before it starts the agent; secrets stay out of the agent's reach.
    set_owner root:root "$ETC_DIR/agent.env"
    chmod 0600 "$ETC_DIR/agent.env"
  fi
  put "$HERE/$AGENT_SERVICE.service" "$UNIT_DIR/$AGENT_SERVICE.service" root:root 0644
  put "$HERE/$RETRY_TIMER.service" "$UNIT_DIR/$RETRY_TIMER.service" root:root 0644
  put "$HERE/$RETRY_TIMER.timer" "$UNIT_DIR/$RETRY_TIMER.timer" root:root 0644
  put "$HERE/relais-polkit.rules" "$POLKIT_RULES" root:root 0644
  install_udev_rules

  if [ "$HAS_SITE_BROKER" = 1 ]; then
    make_dir "$SITE_BROKER_DIR" root:mosquitto 0750
    put "$HERE/site-broker.conf" "$SITE_BROKER_DIR/mosquitto.conf" root:mosquitto 0640
    put "$HERE/ca.crt" "$SITE_BROKER_DIR/ca.crt" root:root 0644
    put "$HERE/$SITE_BROKER_SERVICE.service" "$UNIT_DIR/$SITE_BROKER_SERVICE.service" root:root 0644
  fi

  if [ "$HAS_KIOSK" = 1 ]; then
    jar="$(jar_source relais-kiosk.jar)"
    if [ -n "$jar" ]; then put "$jar" "$OPT_DIR/relais-kiosk.jar" root:root 0644; fi
    if [ -f "$HERE/kiosk.yaml" ]; then put "$HERE/kiosk.yaml" "$ETC_DIR/kiosk.yaml" root:root 0644; fi
    put "$HERE/$KIOSK_SERVICE.service" "$UNIT_DIR/$KIOSK_SERVICE.service" root:root 0644
    put "$HERE/$SCREEN_SERVICE.service" "$UNIT_DIR/$SCREEN_SERVICE.service" root:root 0644
    put "$HERE/$SCREEN_SWITCH" "$OPT_DIR/$SCREEN_SWITCH" root:root 0755
    if [ -z "$DEST" ]; then
      make_dir "$KIOSK_HOME" "$KIOSK_USER:$KIOSK_USER" 0750
    fi
  fi
}

# The kiosk takes the screen on tty1; the desktop's display manager (lightdm on Raspberry Pi
# OS) would take it back. It is disabled, not removed: "systemctl enable lightdm" undoes it.
enable_kiosk() {
  local manager
  manager="$(systemctl show -p Id --value display-manager.service 2>/dev/null || true)"
  if [ -n "$manager" ] && [ "$manager" != display-manager.service ] && [ "$manager" != "$KIOSK_SERVICE.service" ] \
      && systemctl is-enabled --quiet "$manager" 2>/dev/null; then
    systemctl disable "$manager"
    say "disabled $manager: the kiosk takes the screen from the next boot (undo: systemctl enable $manager)"
  fi
  systemctl enable "$KIOSK_SERVICE"
  if systemctl is-active --quiet "$KIOSK_SERVICE"; then
    if [ "$CHANGED" -eq 1 ]; then systemctl restart "$KIOSK_SERVICE"; fi
  else
    # Starting it now would fight the running desktop for the screen.
    say "the kiosk starts at the next boot: sudo reboot"
  fi
}

# The agent's broker: up before the agent, reloaded when its files changed. Debian's own broker,
# started by the package on 127.0.0.1:1883, serves nothing here: it is disabled.
start_site_broker() {
  if systemctl is-enabled --quiet mosquitto.service 2>/dev/null; then
    systemctl disable --now mosquitto.service
    say "disabled Debian's mosquitto.service (Relais runs its own: $SITE_BROKER_SERVICE)"
  fi
  systemctl enable --now "$SITE_BROKER_SERVICE" \
    || die "the site broker did not start; see: journalctl -u $SITE_BROKER_SERVICE -n 50 --no-pager"
  if [ "$CHANGED" -eq 1 ] || [ "$BROKER_UPGRADED" = 1 ]; then systemctl restart "$SITE_BROKER_SERVICE"; fi
}

start_services() {
  local next="systemctl daemon-reload && systemctl enable --now $AGENT_SERVICE $RETRY_TIMER.timer"
  if [ "$HAS_KIOSK" = 1 ]; then next="$next && systemctl enable $KIOSK_SERVICE, then reboot"; fi
  if [ -n "$DEST" ] || [ "${RELAIS_NO_SYSTEMCTL:-0}" = 1 ]; then
    say "files installed; systemctl not run (DESTDIR or RELAIS_NO_SYSTEMCTL=1). To start: $next"
    return 0
  fi
  command -v systemctl >/dev/null || die "systemctl not found: this installer is for a systemd system"
  local was_active=0 state
  if systemctl is-active --quiet "$AGENT_SERVICE"; then was_active=1; fi
  systemctl daemon-reload
  if [ "$HAS_SITE_BROKER" = 1 ]; then start_site_broker; fi
  # A unit that gave up during an earlier attempt would refuse to start.
  systemctl reset-failed "$AGENT_SERVICE" 2>/dev/null || true
  # Type=notify: this waits until the agent says it is ready, or fails.
  systemctl enable --now "$AGENT_SERVICE" \
    || die "the agent did not start; see: journalctl -u $AGENT_SERVICE -n 50 --no-pager"
  systemctl enable --now "$RETRY_TIMER.timer"
  if [ "$was_active" -eq 1 ] && [ "$CHANGED" -eq 1 ]; then
    say "restarting $AGENT_SERVICE to run the new files…"
    systemctl restart "$AGENT_SERVICE" \
      || die "the agent did not restart; see: journalctl -u $AGENT_SERVICE -n 50 --no-pager"
  fi
  if [ "$HAS_KIOSK" = 1 ]; then enable_kiosk; fi
  state="$(systemctl is-active "$AGENT_SERVICE" || true)"
  say "done: $AGENT_SERVICE is $state. Check it: systemctl status $AGENT_SERVICE; follow it: journalctl -u $AGENT_SERVICE -f"
}

main() {
  read_arguments "$@"
  if [ "$BUNDLE" = 1 ]; then
    say "installing the Relais node $NODE of site $SITE${DEST:+ under $DEST}"
  else
    say "installing the Relais edge agent from $HERE${DEST:+ under $DEST}"
  fi
  check_root
  check_architecture
  check_files
  ensure_packages
  ensure_recent_site_broker
  if [ "$HAS_KIOSK" = 1 ]; then check_cage_version; fi
  ensure_groups
  ensure_user "$AGENT_USER" "Relais edge agent" /var/lib/relais no "${AGENT_GROUPS[@]}"
  if [ "$HAS_KIOSK" = 1 ]; then
    # audio: the kiosk reads the screen aloud (espeak-ng) when a visitor asks.
    ensure_user "$KIOSK_USER" "Relais kiosk" "$KIOSK_HOME" yes video render input audio
  fi
  install_files
  start_services
}

main "$@"
