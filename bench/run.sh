#!/usr/bin/env bash
# End-to-end SMTP benchmark: Poststelle, then a throwaway Postfix, both relaying to the same
# sink (started by the load generator), measured the same way. See bench/README.md.
#
# Usage: bench/run.sh [--sessions N] [--messages N] [--size BYTES] [--warmup N]
#                     [--skip-gateway] [--skip-smime] [--skip-postfix] [--install-postfix] [--cluster]
#                     [--demail-mass [--demail-recipients N]]
#   --cluster: only the cluster scenario: 1, 2 and 3 nodes of one cluster on one PostgreSQL
#              (BENCH_JDBC_URL), a fresh schema each, sessions spread over the nodes
#   --demail-mass: only De-Mail mass sending: one mail to N (10000) De-Mail recipients through
#              the provider simulator; BENCH_DEMAIL_RATE sets poststelle.demail.max-per-second
# Environment: BENCH_JDBC_URL, BENCH_JDBC_USER, BENCH_JDBC_PASSWORD (gateway on PostgreSQL),
#              BENCH_GATEWAY_JAVA_OPTS (e.g. -Xmx512m), BENCH_SMTP_PORT (25250),
#              BENCH_WEB_PORT (28080), BENCH_SINK_PORT (25270), BENCH_POSTFIX_PORT (25260)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GATEWAY_JAR=$ROOT/app/target/poststelle.jar
BENCH_JAR=$ROOT/bench/target/poststelle-bench.jar

SESSIONS=16
MESSAGES=2000
SIZE=10240
WARMUP=200
FROM=sender@behoerde.example
TO=rcpt@extern.example
SECURE_TO=rcpt@partner.example
PGP_TO=pgp-rcpt@partner.example
SMTP_PORT=${BENCH_SMTP_PORT:-25250}
WEB_PORT=${BENCH_WEB_PORT:-28080}
SINK_PORT=${BENCH_SINK_PORT:-25270}
POSTFIX_PORT=${BENCH_POSTFIX_PORT:-25260}
SIMULATOR_PORT=${BENCH_SIMULATOR_PORT:-25280}
DEMAIL_RECIPIENTS=10000
DEMAIL_SIMULATOR=false
GATEWAY_EXTRA_ARGS=()
RUN_GATEWAY=true
RUN_SMIME=true
RUN_POSTFIX=true
RUN_CLUSTER=false
RUN_DEMAIL_MASS=false
INSTALL_POSTFIX=false

usage() { sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while (($#)); do
    case $1 in
        --sessions) SESSIONS=$2; shift ;;
        --messages) MESSAGES=$2; shift ;;
        --size) SIZE=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --skip-gateway) RUN_GATEWAY=false ;;
        --skip-smime) RUN_SMIME=false ;;
        --skip-postfix) RUN_POSTFIX=false ;;
        --install-postfix) INSTALL_POSTFIX=true ;;
        --cluster) RUN_CLUSTER=true RUN_GATEWAY=false RUN_POSTFIX=false ;;
        --demail-mass) RUN_DEMAIL_MASS=true RUN_GATEWAY=false RUN_POSTFIX=false ;;
        --demail-recipients) DEMAIL_RECIPIENTS=$2; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

log() { printf '\n== %s\n' "$*"; }
die() { echo "run.sh: $*" >&2; exit 1; }

# --- JDK -------------------------------------------------------------------------------

java_major() { # prints the feature version of a java binary, e.g. 25 (1.8 -> 1; 0 if unknown)
    local major
    major=$("$1" -XshowSettings:properties -version 2>&1 |
        awk -F'= ' '/java.specification.version/ { split($2, v, "."); print v[1]; exit }')
    [[ $major =~ ^[0-9]+$ ]] && echo "$major" || echo 0
}

find_jdk() { # JAVA_HOME if it is >= 21, else the newest JDK >= 21 under /usr/lib/jvm
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]] && (($(java_major "$JAVA_HOME/bin/java") >= 21)); then
        echo "$JAVA_HOME"
        return
    fi
    local best="" best_major=0 home major
    for home in /usr/lib/jvm/*; do
        [[ -x $home/bin/java ]] || continue
        major=$(java_major "$home/bin/java")
        if ((major >= 21 && major > best_major)); then
            best=$home best_major=$major
        fi
    done
    [[ -n $best ]] || die "no JDK >= 21 found (set JAVA_HOME or install one under /usr/lib/jvm)"
    echo "$best"
}

JDK=$(find_jdk)
JAVA=$JDK/bin/java

# Always built: a stale jar would measure old code.
build() {
    local modules=bench
    if $RUN_GATEWAY || $RUN_CLUSTER || $RUN_DEMAIL_MASS; then modules=app,bench; fi
    log "building $modules"
    (cd "$ROOT" && JAVA_HOME=$JDK ./mvnw -B -q -ntp -pl "$modules" -am package -DskipTests)
    [[ -f $BENCH_JAR ]] || die "missing $BENCH_JAR"
    if [[ $modules == app,bench && ! -f $GATEWAY_JAR ]]; then
        die "missing $GATEWAY_JAR after the build"
    fi
}

# --- helpers ---------------------------------------------------------------------------

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free_ports() {
    local port
    for port in "$@"; do
        ! port_in_use "$port" || die "port $port is in use (override with BENCH_*_PORT)"
    done
}

smtp_ready() { # true if the port answers with an SMTP greeting
    timeout 3 bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
        IFS= read -r greeting <&3 || exit 1
        printf "QUIT\r\n" >&3
        [[ $greeting == 220* ]]' _ "$1" 2>/dev/null
}

# Runs the load generator; output goes to the terminal and to $1. Failed messages are
# reported in the output, they do not abort the script.
run_load() {
    local out=$1
    shift
    if ! "$JAVA" -jar "$BENCH_JAR" --sessions "$SESSIONS" --messages "$MESSAGES" --size "$SIZE" \
        --warmup "$WARMUP" --from "$FROM" --to "$TO" --sink-port "$SINK_PORT" "$@" | tee "$out"; then
        echo "(load generator reported failed or missing messages)"
    fi
}

result_field() { # result_field FILE KEY -> value from the RESULT line, n/a if absent
    local value
    value=$(grep -h '^RESULT ' "$1" 2>/dev/null | tr ' ' '\n' | sed -n "s/^$2=//p" | head -1)
    echo "${value:-n/a}"
}

# --- cleanup ---------------------------------------------------------------------------

TMP=$(mktemp -d "${TMPDIR:-/tmp}/poststelle-bench.XXXXXX")
chmod 755 "$TMP" # Postfix daemons (user postfix) must reach their queue below it
GATEWAY_PIDS=()
SINK_PID=""
POSTFIX_DIR=""

running() { # true if the process exists and is not a zombie (PID 1 may not reap here)
    [[ -r /proc/$1/stat ]] && [[ $(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) != Z ]]
}

stop_pid() { # SIGTERM, wait up to $2 seconds, then SIGKILL
    local pid=$1 waited=0
    kill -TERM "$pid" 2>/dev/null || return 0
    while running "$pid" && ((waited < $2 * 10)); do
        sleep 0.1
        waited=$((waited + 1))
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

stop_gateway() { # all nodes
    local pid
    for pid in "${GATEWAY_PIDS[@]}"; do
        stop_pid "$pid" 30
    done
    GATEWAY_PIDS=()
}

stop_postfix() {
    [[ -n $POSTFIX_DIR ]] || return 0
    local pid_file=$POSTFIX_DIR/queue/pid/master.pid master_pid="" waited=0
    [[ -f $pid_file ]] && master_pid=$(tr -d ' ' <"$pid_file")
    /usr/sbin/postfix -c "$POSTFIX_DIR/etc" stop >/dev/null 2>&1 || true
    # postfix stop only signals the master; wait so the queue can be removed safely
    while [[ -n $master_pid ]] && running "$master_pid" && ((waited < 100)); do
        sleep 0.1
        waited=$((waited + 1))
    done
    POSTFIX_DIR=""
}

cleanup() {
    stop_gateway
    [[ -z $SINK_PID ]] || stop_pid "$SINK_PID" 5
    stop_postfix
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Poststelle ------------------------------------------------------------------------

# start_gateway [NODE [JDBC_URL SCHEMA]]: node n listens on SMTP_PORT+n and WEB_PORT+n
start_gateway() {
    local node=${1:-0} jdbc_url=${2:-${BENCH_JDBC_URL:-}} schema=${3:-}
    local args=(
        --poststelle.data-dir="$TMP/data-$node"
        --poststelle.node-id="bench-$node"
        --poststelle.smtp.port="$((SMTP_PORT + node))"
        --server.port="$((WEB_PORT + node))"
        "--poststelle.domains[0].name=behoerde.example"
        "--poststelle.domains[0].tenant=bench"
        "--poststelle.domains[0].receiving-server.host=127.0.0.1"
        "--poststelle.domains[0].receiving-server.port=$SINK_PORT"
        "--poststelle.domains[0].receiving-server.tls=NONE"
        "--poststelle.domains[0].allowed-senders[0]=127.0.0.1/32"
        "--poststelle.routes[0].domain=extern.example"
        "--poststelle.routes[0].host=127.0.0.1"
        "--poststelle.routes[0].port=$SINK_PORT"
        "--poststelle.routes[0].tls=NONE"
        "--poststelle.demail.simulator.enabled=$DEMAIL_SIMULATOR"
        "--poststelle.routes[1].domain=partner.example"
        "--poststelle.routes[1].host=127.0.0.1"
        "--poststelle.routes[1].port=$SINK_PORT"
        "--poststelle.routes[1].tls=NONE"
    )
    if ((${#GATEWAY_EXTRA_ARGS[@]})); then args+=("${GATEWAY_EXTRA_ARGS[@]}"); fi
    if [[ -n $jdbc_url ]]; then
        if [[ -n $schema ]]; then
            jdbc_url+=$([[ $jdbc_url == *\?* ]] && echo '&' || echo '?')currentSchema=$schema
            args+=(--spring.flyway.schemas="$schema")
        fi
        args+=(--spring.datasource.url="$jdbc_url"
            --spring.datasource.username="${BENCH_JDBC_USER:-}"
            --spring.datasource.password="${BENCH_JDBC_PASSWORD:-}")
    fi
    # shellcheck disable=SC2086 # BENCH_GATEWAY_JAVA_OPTS is a list of JVM options
    POSTSTELLE_ADMIN_PASSWORD=$ADMIN_PASSWORD \
        "$JAVA" ${BENCH_GATEWAY_JAVA_OPTS:-} -jar "$GATEWAY_JAR" "${args[@]}" >"$TMP/gateway-$node.log" 2>&1 &
    GATEWAY_PIDS+=($!)
}

await_gateway() { # await_gateway [NODE]; generous: on a loaded machine the first start (schema, keys) takes minutes
    local node=${1:-0} deadline=$((SECONDS + 240)) log=$TMP/gateway-${1:-0}.log
    until curl -fsS --max-time 1 "http://127.0.0.1:$((WEB_PORT + node))/actuator/health" 2>/dev/null |
        grep -q '"status":"UP"' && smtp_ready "$((SMTP_PORT + node))"; do
        if ! kill -0 "${GATEWAY_PIDS[-1]}" 2>/dev/null; then
            tail -n 40 "$log" >&2
            die "gateway exited during startup (log above)"
        fi
        ((SECONDS < deadline)) || { tail -n 40 "$log" >&2; die "gateway not ready after 240 s"; }
        sleep 0.5
    done
}

# --- S/MIME and OpenPGP scenarios: keys and policy set up through the admin REST API ---------

ADMIN_PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

api() { # api METHOD PATH [JSON BODY] -> response body; fails on an HTTP error
    curl -fsS --max-time 30 -u "admin:$ADMIN_PASSWORD" -X "$1" -H 'Content-Type: application/json' \
        "http://127.0.0.1:$WEB_PORT/api/v1$2" ${3:+--data-binary "$3"}
}

upload_key() { # upload_key TENANT TYPE FILE [PASSWORD]
    local body
    body=$(jq -n --arg type "$2" --arg content "$(base64 -w0 "$3")" --arg password "${4:-}" \
        '{type: $type, content: $content} + (if $password == "" then {} else {password: $password} end)')
    api POST "/tenants/$1/keys" "$body" >/dev/null
}

# A throwaway CA; the tenant's signing key (PKCS#12) for the sender; a trusted certificate for
# the recipient. Then a tenant rule: encrypt (mandatory, so nothing leaves in clear) and sign.
setup_smime() {
    local pki=$TMP/pki tenant ext
    mkdir -p "$pki"
    openssl req -x509 -newkey rsa:3072 -nodes -days 2 -subj "/CN=Bench CA" -keyout "$pki/ca.key" -out "$pki/ca.pem" \
        -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
    ext="basicConstraints=CA:false\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=emailProtection"
    for who in "$FROM" "$SECURE_TO"; do
        openssl req -newkey rsa:3072 -nodes -subj "/CN=$who" -keyout "$pki/$who.key" -out "$pki/$who.csr" 2>/dev/null
        openssl x509 -req -in "$pki/$who.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -days 2 -out "$pki/$who.pem" \
            -extfile <(printf "$ext\nsubjectAltName=email:%s\n" "$who") 2>/dev/null
    done
    openssl pkcs12 -export -inkey "$pki/$FROM.key" -in "$pki/$FROM.pem" -certfile "$pki/ca.pem" \
        -passout pass:bench-p12 -out "$pki/$FROM.p12"
    tenant=$(api GET /tenants | jq -r '.[] | select(.name == "bench") | .id')
    [[ -n $tenant ]] || die "tenant bench not found through the API"
    upload_key "$tenant" PKCS12 "$pki/$FROM.p12" bench-p12
    upload_key "$tenant" CA_BUNDLE "$pki/ca.pem"
    upload_key "$tenant" RECIPIENT_CERTIFICATE "$pki/$SECURE_TO.pem"
    api PUT "/tenants/$tenant/encryption-policy/rules" \
        '{"level":"TENANT","match":"","encryption":"MANDATORY","sign":true,"format":"SMIME"}' >/dev/null
    api GET "/tenants/$tenant/encryption-policy/explain?sender=$FROM&recipient=$SECURE_TO" |
        jq -e '.outcome' | grep -q ENCRYPT || die "policy explain does not say the bench mail is encrypted"
}

# OpenPGP: gpg makes the recipient's key (Ed25519 + Cv25519) and the tenant's signing key; the
# recipient's key is uploaded and approved, the tenant's imported, and a recipient rule prefers PGP.
setup_pgp() {
    local gnupg=$TMP/gnupg tenant key body
    mkdir -p "$gnupg" && chmod 700 "$gnupg"
    for who in "$PGP_TO" "$FROM"; do
        gpg --homedir "$gnupg" --batch --pinentry-mode loopback --passphrase '' \
            --quick-gen-key "Bench <$who>" future-default default never 2>/dev/null
    done
    gpg --homedir "$gnupg" --armor --export "$PGP_TO" >"$gnupg/recipient.asc"
    gpg --homedir "$gnupg" --batch --pinentry-mode loopback --passphrase '' --armor \
        --export-secret-keys "$FROM" >"$gnupg/tenant.asc"
    tenant=$(api GET /tenants | jq -r '.[] | select(.name == "bench") | .id')
    body=$(jq -n --arg content "$(base64 -w0 "$gnupg/recipient.asc")" '{type: "PGP_PUBLIC_KEY", content: $content}')
    key=$(api POST "/tenants/$tenant/keys" "$body" | jq -r '.[0].id')
    api PUT "/tenants/$tenant/keys/$key/approval" '{"decision":"APPROVED"}' >/dev/null
    upload_key "$tenant" PGP_SECRET_KEY "$gnupg/tenant.asc"
    api PUT "/tenants/$tenant/encryption-policy/rules" \
        "{\"level\":\"RECIPIENT\",\"match\":\"$PGP_TO\",\"encryption\":\"MANDATORY\",\"sign\":true,\"format\":\"PGP\"}" >/dev/null
    api GET "/tenants/$tenant/encryption-policy/explain?sender=$FROM&recipient=$PGP_TO" |
        jq -e '.outcome' | grep -q ENCRYPT || die "policy explain does not say the bench mail is encrypted with PGP"
}

bench_pgp() {
    log "Poststelle: scenario pgp (PGP/MIME sign + encrypt; keys approved and policy set through the admin API)"
    setup_pgp
    run_load "$TMP/pgp.result" --scenario pgp --port "$SMTP_PORT" --to "$PGP_TO" \
        --heap-url "http://127.0.0.1:$WEB_PORT/actuator/prometheus"
}

bench_smime() {
    log "Poststelle: scenario smime (sign + encrypt; keys and policy set up through the admin API)"
    setup_smime
    run_load "$TMP/smime.result" --scenario smime --port "$SMTP_PORT" --to "$SECURE_TO" \
        --heap-url "http://127.0.0.1:$WEB_PORT/actuator/prometheus"
}

bench_gateway() {
    require_free_ports "$SMTP_PORT" "$WEB_PORT" "$SINK_PORT"
    log "Poststelle: starting $GATEWAY_JAR (SMTP $SMTP_PORT, web $WEB_PORT, next hop $SINK_PORT)"
    start_gateway
    await_gateway
    log "Poststelle: scenario relay"
    run_load "$TMP/poststelle.result" --scenario relay --port "$SMTP_PORT" \
        --heap-url "http://127.0.0.1:$WEB_PORT/actuator/prometheus"
    if $RUN_SMIME; then
        bench_smime
        bench_pgp
    fi
    stop_gateway
}

# 1, 2 and 3 nodes of one cluster on one PostgreSQL, each count on a fresh schema so earlier runs'
# finished mail does not weigh on later ones. Nodes start one after the other (the first migrates).
bench_cluster() {
    [[ -n ${BENCH_JDBC_URL:-} ]] || die "--cluster needs PostgreSQL: set BENCH_JDBC_URL"
    local nodes node ports
    for nodes in 1 2 3; do
        ports=""
        for ((node = 0; node < nodes; node++)); do
            require_free_ports "$((SMTP_PORT + node))" "$((WEB_PORT + node))"
            ports+=${ports:+,}$((SMTP_PORT + node))
        done
        require_free_ports "$SINK_PORT"
        log "cluster: $nodes node(s), SMTP $ports, schema bench_cluster_${nodes}_$$"
        for ((node = 0; node < nodes; node++)); do
            start_gateway "$node" "$BENCH_JDBC_URL" "bench_cluster_${nodes}_$$"
            await_gateway "$node"
        done
        run_load "$TMP/cluster-$nodes.result" --scenario "cluster-$nodes" --port "$ports"
        stop_gateway
    done
    log "cluster: $MESSAGES messages x $SIZE bytes, $SESSIONS sessions spread over the nodes, $(nproc) cores"
    printf '%-6s %18s %16s %10s %10s\n' nodes "msgs/s end to end" "msgs/s accepted" "p50 ms" "p99 ms"
    for nodes in 1 2 3; do
        printf '%-6s %18s %16s %10s %10s\n' "$nodes" "$(result_field "$TMP/cluster-$nodes.result" e2e_msgs_per_s)" \
            "$(result_field "$TMP/cluster-$nodes.result" accept_msgs_per_s)" \
            "$(result_field "$TMP/cluster-$nodes.result" p50_ms)" "$(result_field "$TMP/cluster-$nodes.result" p99_ms)"
    done
}

# One clerk's mail to many De-Mail addresses, delivered through the provider simulator (which
# runs inside the gateway's JVM, so its mailboxes count towards the heap figure).
bench_demail_mass() {
    require_free_ports "$SMTP_PORT" "$WEB_PORT" "$SINK_PORT" "$SIMULATOR_PORT"
    command -v python3 >/dev/null || die "--demail-mass needs python3"
    DEMAIL_SIMULATOR=true
    GATEWAY_EXTRA_ARGS=(
        --poststelle.demail.simulator.port="$SIMULATOR_PORT"
        --poststelle.demail.domains=de-mail.test
        --poststelle.smtp.max-recipients="$DEMAIL_RECIPIENTS"
        "--poststelle.domains[1].name=behoerde.de-mail.test"
        "--poststelle.domains[1].tenant=bench"
        "--poststelle.domains[1].kind=DEMAIL"
        "--poststelle.domains[1].mappings[0].email=$FROM"
        "--poststelle.domains[1].mappings[0].demail=sender@behoerde.de-mail.test"
    )
    [[ -z ${BENCH_DEMAIL_RATE:-} ]] || GATEWAY_EXTRA_ARGS+=(--poststelle.demail.max-per-second="$BENCH_DEMAIL_RATE")
    log "De-Mail mass sending: one mail to $DEMAIL_RECIPIENTS recipients, simulator on $SIMULATOR_PORT," \
        "rate limit ${BENCH_DEMAIL_RATE:-none}, $(nproc) cores"
    start_gateway
    await_gateway
    python3 "$ROOT/bench/demail-mass.py" --port "$SMTP_PORT" --recipients "$DEMAIL_RECIPIENTS" \
        --metrics-url "http://127.0.0.1:$WEB_PORT/actuator/prometheus" --sender "$FROM" \
        --recipient-domain stadt.de-mail.test | tee "$TMP/demail-mass.result" ||
        echo "(not all recipients were delivered; gateway log: $TMP/gateway-0.log)"
    stop_gateway
    DEMAIL_SIMULATOR=false GATEWAY_EXTRA_ARGS=()
}

# --- Postfix ---------------------------------------------------------------------------

install_postfix() {
    log "installing postfix (apt-get)"
    apt-get update -qq
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix
}

postfix_available() {
    if [[ ! -x /usr/sbin/postfix ]] && $INSTALL_POSTFIX; then
        install_postfix
    fi
    if [[ ! -x /usr/sbin/postfix || ! -x /usr/sbin/smtp-source ]]; then
        log "Postfix: not installed, skipped. Install it with bench/run.sh --install-postfix, or:"
        echo "  echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections"
        echo "  DEBIAN_FRONTEND=noninteractive apt-get install -y postfix"
        return 1
    fi
    if ((EUID != 0)); then
        log "Postfix: skipped, starting a Postfix instance needs root"
        return 1
    fi
}

# A private instance: own config, queue and log under $TMP, SMTP only on 127.0.0.1,
# relays extern.example to the sink, no local delivery. Otherwise Postfix defaults.
write_postfix_config() {
    local dir=$1
    mkdir -p "$dir/etc" "$dir/queue" "$dir/data"
    chown postfix "$dir/data"
    cat >"$dir/etc/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = $dir/maillog
maillog_file_prefixes = $dir
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = postfix.bench.invalid
mydestination =
local_transport = error:local delivery is disabled
alias_maps =
alias_database =
mynetworks = 127.0.0.0/8
relay_domains = extern.example
relayhost = [127.0.0.1]:$SINK_PORT
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_peername_lookup = no
smtp_tls_security_level = none
smtpd_tls_security_level = none
biff = no
EOF
    # No chroot: the instance lives in a temp dir without a chroot environment.
    cat >"$dir/etc/master.cf" <<EOF
$POSTFIX_PORT inet n       -       n       -       -       smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
}

start_postfix() {
    local dir=$TMP/postfix
    write_postfix_config "$dir"
    POSTFIX_DIR=$dir
    /usr/sbin/postfix -c "$dir/etc" check # also creates the queue directories
    /usr/sbin/postfix -c "$dir/etc" start
    local deadline=$((SECONDS + 30))
    until smtp_ready "$POSTFIX_PORT"; do
        ((SECONDS < deadline)) || { tail -n 20 "$dir/maillog" >&2; die "postfix not ready after 30 s"; }
        sleep 0.2
    done
}

now_millis() { date +%s%3N; }

# Postfix's own load tool against Postfix, with our sink standing alone on the next hop:
# end to end = from before smtp-source starts to the sink's last arrival.
bench_smtp_source() {
    "$JAVA" -cp "$BENCH_JAR" de.poststelle.bench.SmtpSink --port "$SINK_PORT" --expect "$MESSAGES" \
        --timeout 120 >"$TMP/sink.out" 2>&1 &
    SINK_PID=$!
    until grep -q '^SINK ready' "$TMP/sink.out"; do
        kill -0 "$SINK_PID" 2>/dev/null || { cat "$TMP/sink.out" >&2; die "sink did not start"; }
        sleep 0.1
    done
    local start end
    start=$(now_millis)
    /usr/sbin/smtp-source -d -s "$SESSIONS" -m "$MESSAGES" -l "$SIZE" -f "$FROM" -t "$TO" "127.0.0.1:$POSTFIX_PORT"
    end=$(now_millis)
    wait "$SINK_PID" || echo "(sink: not all messages arrived within 120 s)"
    SINK_PID=""
    local last_arrival arrived
    last_arrival=$(sed -n 's/.*last_arrival_ms=\([0-9]*\).*/\1/p' "$TMP/sink.out")
    arrived=$(sed -n 's/^SINK msgs=\([0-9]*\).*/\1/p' "$TMP/sink.out")
    awk -v n="$MESSAGES" -v got="$arrived" -v s="$start" -v e="$end" -v l="$last_arrival" 'BEGIN {
        printf "smtp-source: %d messages submitted in %.3f s = %.1f msg/s\n", n, (e - s) / 1000, n * 1000 / (e - s)
        if (l > s) printf "end to end:  %d arrived at the sink after %.3f s = %.1f msg/s\n", got, (l - s) / 1000, got * 1000 / (l - s)
    }' | tee "$TMP/smtp-source.result"
}

bench_postfix() {
    postfix_available || return 0
    require_free_ports "$POSTFIX_PORT" "$SINK_PORT"
    log "Postfix: starting a throwaway instance (SMTP $POSTFIX_PORT, relayhost 127.0.0.1:$SINK_PORT)"
    start_postfix
    log "Postfix: same load, same method (LoadGenerator + sink)"
    run_load "$TMP/postfix.result" --scenario postfix --port "$POSTFIX_PORT"
    log "Postfix: smtp-source"
    bench_smtp_source
    stop_postfix
}

# --- summary ---------------------------------------------------------------------------

print_crypto_comparison() {
    [[ -f $TMP/poststelle.result && -f $TMP/smime.result ]] || return 0
    log "Poststelle: plain relay vs S/MIME sign + encrypt ($MESSAGES messages x $SIZE bytes, $SESSIONS sessions)"
    local key
    printf '%-22s %12s %12s\n' "" relay smime
    for key in e2e_msgs_per_s p50_ms p99_ms accept_p50_ms accept_p99_ms errors missing peak_heap_mb; do
        printf '%-22s %12s %12s\n' "$key" "$(result_field "$TMP/poststelle.result" "$key")" \
            "$(result_field "$TMP/smime.result" "$key")"
    done
}

print_comparison() {
    [[ -f $TMP/poststelle.result && -f $TMP/postfix.result ]] || return 0
    log "Poststelle vs Postfix ($MESSAGES messages x $SIZE bytes, $SESSIONS sessions)"
    local key label a b
    printf '%-22s %12s %12s %10s\n' "" Poststelle Postfix ratio
    for key in e2e_msgs_per_s accept_msgs_per_s p50_ms p99_ms accept_p50_ms accept_p99_ms errors missing peak_heap_mb; do
        case $key in
            e2e_msgs_per_s) label="msgs/s end to end" ;;
            accept_msgs_per_s) label="msgs/s accepted" ;;
            p50_ms) label="p50 ms end to end" ;;
            p99_ms) label="p99 ms end to end" ;;
            accept_p50_ms) label="p50 ms accept" ;;
            accept_p99_ms) label="p99 ms accept" ;;
            *) label=$key ;;
        esac
        a=$(result_field "$TMP/poststelle.result" "$key")
        b=$(result_field "$TMP/postfix.result" "$key")
        printf '%-22s %12s %12s %10s\n' "$label" "$a" "$b" "$(awk -v a="$a" -v b="$b" \
            'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "-" }')"
    done
    echo "(ratio = Poststelle / Postfix: above 1 is better for msgs/s, below 1 is better for ms)"
}

build
echo "JDK: $JDK (Java $(java_major "$JAVA")), temp dir: $TMP"
if $RUN_GATEWAY; then bench_gateway; fi
if $RUN_CLUSTER; then bench_cluster; fi
if $RUN_DEMAIL_MASS; then bench_demail_mass; fi
if $RUN_POSTFIX; then bench_postfix; fi
print_crypto_comparison
print_comparison
