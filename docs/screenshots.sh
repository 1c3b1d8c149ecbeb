#!/bin/sh
# Runs the real workbench under Xvfb through a fixed tour and writes docs/workbench-*.png.
# Needs Debian's xvfb. Usage: docs/screenshots.sh   (from anywhere)
set -eu
cd "$(dirname "$0")/.."
mvn -o -q -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/app/target/classpath.txt" -Dmdep.includeScope=runtime
CP="app/target/classes:$(cat app/target/classpath.txt)"
DISPLAY_NUM=:99
Xvfb $DISPLAY_NUM -screen 0 1600x1000x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB' EXIT
sleep 1
DISPLAY=$DISPLAY_NUM java -Dprism.order=sw -Dorg.graphstream.ui=javafx -cp "$CP" \
    dev.jitscope.app.workbench.shell.ScreenshotTour docs
