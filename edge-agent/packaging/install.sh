#!/usr/bin/env bash
# Installs (or upgrades) the Relais edge agent as a systemd service on a Raspberry Pi
# (Raspberry Pi OS 64-bit, Debian bookworm). Run as root; safe to run again.
#
#   sudo ./install.sh relais-agent.jar agent.yaml
#
# What it sets up, and why each owner and mode (see also edge-agent/README.md):
#   user relais         system user, no login, no home of its own: the agent needs no root
#   /opt/relais/        root:root 0755   the jar; the agent cannot replace its own code
#   /etc/relais/        root:relais 1770 the agent must write here: set-config saves an accepted
#                                        configuration as agent.yaml.new, keeps agent.yaml.previous
#                                        and renames; the sticky bit (1) keeps it from replacing
#                                        the root-owned files beside it (JVM options, agent.env)
#   /etc/relais/agent.yaml      relais:relais 0640  holds the MQTT password; owned by relais so
#                                        set-config may replace it despite the sticky bit
#   /etc/relais/agent.jvm.options root:root 0644
#   /var/lib/relais/    relais:relais 0750 the database (systemd's StateDirectory= also makes it)
#   /etc/systemd/system/relais-agent.service
set -euo pipefail

readonly SERVICE=relais-agent
readonly AGENT_USER=relais
readonly OPT_DIR=/opt/relais
readonly ETC_DIR=/etc/relais
readonly STATE_DIR=/var/lib/relais
readonly JAR_DEST="$OPT_DIR/relais-agent.jar"
readonly CONFIG_DEST="$ETC_DIR/agent.yaml"
readonly OPTIONS_DEST="$ETC_DIR/agent.jvm.options"
readonly UNIT_DEST="/etc/systemd/system/$SERVICE.service"
readonly JAVA=/usr/bin/java
readonly JAVA_PACKAGE=openjdk-17-jre-headless

say() { printf 'install.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

usage() {
  cat >&2 <<'EOF'
Usage: sudo ./install.sh RELAIS_AGENT_JAR AGENT_YAML

  RELAIS_AGENT_JAR  the agent's jar (build: mvn -pl edge-agent -am package
                    -> edge-agent/target/relais-agent.jar)
  AGENT_YAML        this node's configuration; its storage.file should be
                    /var/lib/relais/agent.db

Installs or upgrades the agent as the systemd service relais-agent and starts it.
agent.jvm.options and relais-agent.service are taken from this script's folder.
EOF
  exit 2
}

# Copies SRC to DEST with the given owner and mode, through a temporary file renamed into place:
# the running JVM keeps reading the old jar's inode instead of crashing on a file rewritten
# under it. Sets CHANGED=1 when the content differed.
CHANGED=0
put() { # src dest owner:group mode
  local src=$1 dest=$2 owner=$3 mode=$4 tmp
  if [ -f "$dest" ] && cmp -s "$src" "$dest"; then
    chown "$owner" "$dest"
    chmod "$mode" "$dest"
    return 0
  fi
  tmp="$(dirname "$dest")/.$(basename "$dest").installing"
  cp -- "$src" "$tmp"
  chown "$owner" "$tmp"
  chmod "$mode" "$tmp"
  mv -f -- "$tmp" "$dest"
  CHANGED=1
  say "installed $dest"
}

java_major() { # prints the major version of $JAVA, or nothing
  "$JAVA" -version 2>&1 | sed -n 's/^[^"]*version "\([0-9][0-9]*\).*/\1/p' | head -n 1
}

ensure_java() {
  local major=""
  if [ -x "$JAVA" ]; then major="$(java_major)"; fi
  if [ -n "$major" ] && [ "$major" -ge 17 ]; then
    return 0
  fi
  say "Java 17 or later is needed at $JAVA (found: ${major:-none}); installing $JAVA_PACKAGE…"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$JAVA_PACKAGE"
  major="$(java_major)"
  if [ -z "$major" ] || [ "$major" -lt 17 ]; then
    die "$JAVA is still not Java 17 or later (found: ${major:-none}); choose it with: update-alternatives --config java"
  fi
}

ensure_user() {
  if id -u "$AGENT_USER" >/dev/null 2>&1; then
    return 0
  fi
  useradd --system --user-group --home-dir "$STATE_DIR" --no-create-home \
    --shell /usr/sbin/nologin --comment "Relais edge agent" "$AGENT_USER"
  say "created the system user $AGENT_USER"
}

# set-config may have replaced agent.yaml remotely since the last installation: never lose it.
install_config() {
  local src=$1 backup
  if [ -f "$CONFIG_DEST" ] && ! cmp -s "$src" "$CONFIG_DEST"; then
    backup="$CONFIG_DEST.before-install-$(date +%Y%m%d-%H%M%S)"
    cp -p -- "$CONFIG_DEST" "$backup"
    say "$CONFIG_DEST differs from $src (set-config may have changed it): the current one is kept as $backup"
  fi
  put "$src" "$CONFIG_DEST" "$AGENT_USER:$AGENT_USER" 0640
  if ! grep -q "$STATE_DIR/" "$CONFIG_DEST"; then
    say "warning: $CONFIG_DEST does not mention $STATE_DIR/; a relative storage.file puts the database in $ETC_DIR."
    say "         write: storage: {file: $STATE_DIR/agent.db}"
  fi
}

main() {
  [ $# -eq 2 ] || usage
  local jar=$1 config=$2 here
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  local options="$here/agent.jvm.options" unit="$here/$SERVICE.service"

  [ -f "$jar" ] || die "no jar at '$jar' (build it: mvn -pl edge-agent -am package)"
  [ -r "$jar" ] || die "cannot read '$jar'"
  [ -f "$config" ] || die "no configuration at '$config'"
  [ -r "$config" ] || die "cannot read '$config'"
  [ -f "$options" ] || die "missing $options: run install.sh from the packaging folder it came with"
  [ -f "$unit" ] || die "missing $unit: run install.sh from the packaging folder it came with"
  [ "$EUID" -eq 0 ] || die "must run as root: sudo $0 $*"
  command -v systemctl >/dev/null || die "systemctl not found: this installer is for a systemd system"

  ensure_java
  ensure_user

  install -d -o root -g root -m 0755 "$OPT_DIR"
  install -d -o root -g "$AGENT_USER" -m 1770 "$ETC_DIR"
  install -d -o "$AGENT_USER" -g "$AGENT_USER" -m 0750 "$STATE_DIR"
  # install -d leaves an existing folder's owner and mode alone on some systems: be explicit.
  chown root:root "$OPT_DIR" && chmod 0755 "$OPT_DIR"
  chown "root:$AGENT_USER" "$ETC_DIR" && chmod 1770 "$ETC_DIR"
  chown "$AGENT_USER:$AGENT_USER" "$STATE_DIR" && chmod 0750 "$STATE_DIR"

  put "$jar" "$JAR_DEST" root:root 0644
  put "$options" "$OPTIONS_DEST" root:root 0644
  install_config "$config"
  if [ -f "$ETC_DIR/agent.env" ]; then
    # Read by systemd as root before it starts the agent; secrets stay out of the agent's reach.
    chown root:root "$ETC_DIR/agent.env" && chmod 0600 "$ETC_DIR/agent.env"
  fi
  put "$unit" "$UNIT_DEST" root:root 0644

  local was_active=0
  if systemctl is-active --quiet "$SERVICE"; then was_active=1; fi
  systemctl daemon-reload
  # Type=notify: this waits until the agent says READY=1, or fails.
  if ! systemctl enable --now "$SERVICE"; then
    die "the agent did not start; see: journalctl -u $SERVICE -n 50 --no-pager"
  fi
  if [ "$was_active" -eq 1 ] && [ "$CHANGED" -eq 1 ]; then
    say "restarting $SERVICE to run the new files…"
    systemctl restart "$SERVICE" || die "the agent did not restart; see: journalctl -u $SERVICE -n 50 --no-pager"
  fi
  local state
  state="$(systemctl is-active "$SERVICE" || true)"
  say "done: $SERVICE is $state. Check it: systemctl status $SERVICE; follow it: journalctl -u $SERVICE -f"
}

main "$@"
