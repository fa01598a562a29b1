#!/usr/bin/env python3
"""Bandwidth limit benchmark: does fal-files-cli --bwlimit hold a limit over a long transfer?

Starts fal-files-emulator on a free loopback port and moves one file of RATE x SECONDS bytes
(default 20 MiB/s x 30 s = 600 MiB) with `--bwlimit RATE`: uploaded through the REST API
(multipart, 10 MiB parts, MD5-verified), uploaded through the Platform API (one POST), and
downloaded. Prints the achieved rate of each (file bytes over the command's wall time, process
start and the final checks included) and how far it is from the limit.

    tests/bench/bandwidth_bench.py [--build build] [--rate-mib 20] [--seconds 30]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

KEY = "bench:secret"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--rate-mib", type=float, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    cli = os.path.join(build, "app", "fal-files-cli")
    rate = int(args.rate_mib * 1024 * 1024)
    size = int(rate * args.seconds)
    with tempfile.TemporaryDirectory(prefix="fal-bwbench-") as work:
        root = os.path.join(work, "root")
        os.makedirs(root)
        emulator = subprocess.Popen(
            [os.path.join(build, "emulator", "fal-files-emulator"), "--root", root, "--port", "0", "--key", KEY],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        url = re.search(r"(http://\S+)", emulator.stdout.readline()).group(1)
        source = os.path.join(work, "source.bin")
        with open(source, "wb") as f:
            left = size
            while left > 0:
                block = os.urandom(min(left, 8 << 20))
                f.write(block)
                left -= len(block)
        env = dict(os.environ, FAL_KEY=KEY)
        limit = f"{args.rate_mib:g}M"

        def run(label, command, endpoint=url):
            start = time.perf_counter()
            subprocess.run([cli, "--endpoint", endpoint, "--journal", os.path.join(work, "journal.sqlite"),
                            "--bwlimit", limit] + command, env=env, check=True,
                           stdout=subprocess.DEVNULL)
            seconds = time.perf_counter() - start
            achieved = size / seconds
            print(f"{label:<28}{seconds:8.2f} s {achieved / 1048576:8.2f} MiB/s {100 * (achieved - rate) / rate:+7.2f}%")

        print(f"--bwlimit {limit}: {size / 1048576:.0f} MiB per transfer, loopback emulator\n")
        print(f"{'transfer':<28}{'time':>10} {'rate':>14} {'vs limit':>8}")
        run("upload (REST, multipart)", ["upload", source, "/data/bench/rest.bin"])
        run("upload (Platform, one POST)", ["upload", source, "/data/bench/v1.bin"], url + "/v1")
        run("download (REST)", ["download", "/data/bench/rest.bin", os.path.join(work, "back.bin")])
        emulator.terminate()
        emulator.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
