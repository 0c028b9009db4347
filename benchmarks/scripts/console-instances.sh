#!/usr/bin/env bash
# The developer console's instance list at 10,000 tenants, through the demo in its dev profile
# (HTTP Basic as admin), beside the same request without a listing (the overview: the
# authentication floor), a request without authentication, and `ls` of the folder.
# Build first: mvn -B -ntp -DskipTests package; then: bash benchmarks/scripts/console-instances.sh
set -euo pipefail
D=$(mktemp -d /tmp/console10k.XXXX)
JAR=$(ls "$(dirname "$0")"/../../demo/target/durable-db-demo*.jar | grep -v original | head -1)
java -jar "$JAR" --spring.profiles.active=dev --server.port=18080 --durable-db.data-dir=$D/data \
  --durable-db.backup.file.dir=$D/backups --durable-db.replication.enabled=false > $D/app.log 2>&1 &
PID=$!
trap "kill $PID" EXIT
until curl -s localhost:18080/actuator/health > /dev/null; do sleep 0.5; done
start=$(date +%s)
seq -w 0 9999 | xargs -P 4 -I{} curl -s -o /dev/null -X POST localhost:18080/api/tenants -H 'Content-Type: application/json' -d '{"id": "t{}"}'
echo "created $(ls $D/data/main | grep -c '\.db$') tenants in $(( $(date +%s) - start )) s"
for q in "" "t99" "t5000"; do
  for i in $(seq 1 25); do curl -s -o /dev/null -w '%{time_total}\n' -u admin:admin "localhost:18080/durable-db/console/api/databases/main/instances?search=$q&page=0"; done | sort -n | awk -v q="$q" '{a[NR]=$1} END {print "console instances search=\"" q "\": p50 " a[int(NR/2)+1]*1000 " ms, max " a[NR]*1000 " ms"}'
done
for i in $(seq 1 25); do /usr/bin/time -f '%e' ls $D/data/main > /dev/null; done 2>&1 | sort -n | awk '{a[NR]=$1} END {print "ls of the folder: p50 " a[int(NR/2)+1]*1000 " ms"}'
for i in $(seq 1 25); do curl -s -o /dev/null -w '%{time_total}\n' -u admin:admin "localhost:18080/durable-db/console/api/overview"; done | sort -n | awk '{a[NR]=$1} END {print "console overview (same auth, no listing): p50 " a[int(NR/2)+1]*1000 " ms"}'
for i in $(seq 1 25); do curl -s -o /dev/null -w '%{time_total}\n' "localhost:18080/api/stats"; done | sort -n | awk '{a[NR]=$1} END {print "GET /api/stats (no auth): p50 " a[int(NR/2)+1]*1000 " ms"}'
rm -rf $D
