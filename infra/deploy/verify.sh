#!/usr/bin/env bash
# Validates the deployment descriptors without a container engine or a cluster:
#   - docker-compose.yml, with and without the observability profile (Debian's docker-compose 1.29,
#     and Docker Compose v2 too when it is installed);
#   - every Kubernetes overlay renders with kubectl kustomize.
# The deeper checks of what these render live in infra/deployment-tests (./mvnw -pl infra/deployment-tests test).
set -euo pipefail

cd "$(dirname "$0")/../.."

fail() {
	echo "verify: $*" >&2
	exit 1
}

if ! command -v docker-compose > /dev/null 2>&1; then
	echo "verify: installing Debian's docker-compose"
	if [ "$(id -u)" -ne 0 ]; then
		fail "docker-compose is missing; install it with: sudo apt-get install -y docker-compose"
	fi
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose > /dev/null
fi
command -v kubectl > /dev/null 2>&1 || fail "kubectl is missing (it renders the overlays with kubectl kustomize)"

expected_services="consul kafka redis mailpit users-db catalog-db orders-db notifications-db user-service catalog-service order-service notification-service gateway"
observability_services="prometheus jaeger grafana"

check_services() {
	local listed="$1" expected="$2"
	for service in $expected; do
		grep -qx "$service" <<< "$listed" || fail "service $service is missing from the compose configuration"
	done
}

echo "verify: docker-compose config ($(docker-compose version --short))"
docker-compose -f docker-compose.yml config -q
check_services "$(docker-compose -f docker-compose.yml config --services)" "$expected_services"

echo "verify: docker-compose config with the observability profile"
docker-compose -f docker-compose.yml --profile observability config -q
check_services "$(docker-compose -f docker-compose.yml --profile observability config --services)" \
	"$expected_services $observability_services"

if docker compose version > /dev/null 2>&1; then
	echo "verify: docker compose config ($(docker compose version --short))"
	docker compose -f docker-compose.yml config -q
	docker compose -f docker-compose.yml --profile observability config -q
fi

overlays=0
for overlay in k8s/overlays/*/; do
	[ -f "${overlay}kustomization.yaml" ] || continue
	echo "verify: kubectl kustomize ${overlay%/}"
	rendered="$(kubectl kustomize "$overlay")" || fail "kubectl kustomize ${overlay%/} failed"
	grep -q '^kind: Deployment$' <<< "$rendered" || fail "${overlay%/} renders no Deployment"
	overlays=$((overlays + 1))
done
[ "$overlays" -ge 2 ] || fail "expected the dev and prod overlays, found $overlays overlay(s)"

echo "verify: compose file and $overlays Kubernetes overlays are valid"
