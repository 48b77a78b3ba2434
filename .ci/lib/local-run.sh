# Sourced by the .ci scripts that need the service running the way README.md tells a newcomer
# to (./mvnw spring-boot:test-run): `start_local_run PORT LOG` starts it, stops it when the
# calling script exits, and returns once it reports UP, or fails the script. Its actuator
# listens on MANAGEMENT_SERVER_PORT, else on the port after PORT (8081 beside 8080, as the
# service's defaults are); `local_run_management_port` says which.

start_local_run() {
  local port="$1" log="$2"
  local_run_management_port="${MANAGEMENT_SERVER_PORT:-$((port + 1))}"
  mkdir -p "$(dirname "$log")"
  # Whatever already listens there would be tested instead of the service started here.
  for taken in "$port" "$local_run_management_port"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$taken") 2>/dev/null; then
      echo "port $taken is taken by another service: stop it, or set SERVER_PORT and MANAGEMENT_SERVER_PORT"; exit 1
    fi
  done
  # In its own process group (job control on while it starts), so that stopping it stops Maven
  # and the JVM Maven forked, and nothing else running on this machine.
  set -m
  SERVER_PORT="$port" MANAGEMENT_SERVER_PORT="$local_run_management_port" \
    ./mvnw -B -q spring-boot:test-run >"$log" 2>&1 &
  local_run_pid=$!
  set +m
  trap stop_local_run EXIT

  # Generous: the first start compiles, and this machine is slow and shared.
  for _ in $(seq 1 90); do
    if curl -fs "localhost:$local_run_management_port/actuator/health" 2>/dev/null | grep -q '"UP"'; then return 0; fi
    if ! kill -0 "$local_run_pid" 2>/dev/null; then echo "spring-boot:test-run died:"; tail -50 "$log"; exit 1; fi
    sleep 2
  done
  echo "spring-boot:test-run did not come up on port $port (actuator $local_run_management_port) within 3 minutes:"
  tail -50 "$log"; exit 1
}

stop_local_run() {
  kill -- -"$local_run_pid" 2>/dev/null || true
  # Maven may be gone before the JVM it forked has shut down: wait for the whole group.
  for _ in $(seq 1 30); do kill -0 -- -"$local_run_pid" 2>/dev/null || break; sleep 1; done
  kill -KILL -- -"$local_run_pid" 2>/dev/null || true
  wait "$local_run_pid" 2>/dev/null || true
}
