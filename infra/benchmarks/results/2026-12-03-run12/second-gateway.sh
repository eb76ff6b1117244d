#!/bin/bash
# second-gateway.sh <port> <java> <jar> <JVM options...>: another gateway beside the running platform,
# started as infra/local/run.sh starts its own (local profile, static instance list, rate limits raised)
port=$1; java=$2; jar=$3; shift 3
cd "$(dirname "$0")/../../../.."
export GATEWAY_RATELIMITS_POLICIES_DEFAULT_CAPACITY=1000000 GATEWAY_RATELIMITS_POLICIES_DEFAULT_REFILLTOKENS=1000000 MANAGEMENT_TRACING_SAMPLING_PROBABILITY=0.1 KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092
nohup $java "$@" -jar $jar --spring.profiles.active=local --spring.config.additional-location=optional:file:infra/local/config/,optional:file:infra/local/config/gateway/ --server.port=$port --spring.cloud.discovery.client.simple.instances.user-service[0].uri=http://localhost:8081 --spring.cloud.discovery.client.simple.instances.catalog-service[0].uri=http://localhost:8082 --spring.cloud.discovery.client.simple.instances.catalog-service[1].uri=http://localhost:8092 --spring.cloud.discovery.client.simple.instances.order-service[0].uri=http://localhost:8083 --spring.cloud.discovery.client.simple.instances.notification-service[0].uri=http://localhost:8084 >second-gateway-$port.log 2>&1 &
echo $!
