#!/bin/sh
# Runs the real workbench under Xvfb through a fixed tour and writes docs/workbench-*.png.
# Needs Debian's xvfb; with python3-torch installed the tour also opens an archive PyTorch wrote.
# Usage: docs/screenshots.sh   (from anywhere)
set -eu
cd "$(dirname "$0")/.."
mvn -o -q -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/app/target/classpath.txt" -Dmdep.includeScope=runtime
CP="app/target/classes:$(cat app/target/classpath.txt)"
ARCHIVES=$(mktemp -d)
(cd "$ARCHIVES" && /usr/bin/python3 "$OLDPWD/app/src/test/resources/dev/jitscope/app/workbench/make_workbench_model.py") \
    || echo "no PyTorch (Debian python3-torch): the archive screenshots are skipped"
# the first free X display from :99 (another Xvfb may already hold one)
N=99
while [ -e /tmp/.X11-unix/X$N ] || [ -e /tmp/.X$N-lock ]; do N=$((N + 1)); done
DISPLAY_NUM=:$N
Xvfb $DISPLAY_NUM -screen 0 1600x1000x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB; rm -rf "$ARCHIVES"' EXIT
sleep 1
DISPLAY=$DISPLAY_NUM java -Dprism.order=sw -cp "$CP" \
    dev.jitscope.app.workbench.shell.ScreenshotTour docs "$ARCHIVES"
