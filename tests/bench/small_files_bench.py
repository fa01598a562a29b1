#!/usr/bin/env python3
"""Many small files: one request per file against one ZIP per drop (unzip=true on the server).

Uploads a folder of N small files with fal-files-cli, packing on and off
(FAL_FILES_NO_PACKING), against the emulator with no added latency and with a round trip
like a real network's, and prints the times. The engine packs because this says it should.

    tests/bench/small_files_bench.py [--build build] [--files 1000] [--size 4096]
"""
import argparse, os, re, shutil, subprocess, tempfile, time

KEY = "bench:bench-secret"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(os.path.dirname(__file__), "..", "..", "build"))
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--size", type=int, default=4096)
    parser.add_argument("--latencies", default="0,20")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    work = tempfile.mkdtemp(prefix="fal-small-")
    try:
        folder = os.path.join(work, "dataset")
        for i in range(args.files):
            sub = os.path.join(folder, f"shard{i % 10}")
            os.makedirs(sub, exist_ok=True)
            with open(os.path.join(sub, f"sample-{i:05}.json"), "wb") as f:
                f.write(os.urandom(args.size))
        print(f"\n{args.files} files of {args.size} bytes, uploaded as one folder with fal-files-cli\n")
        print(f"{'added latency':>14}  {'one request per file':>21}  {'packed (ZIP)':>13}  {'speed-up':>8}")
        for latency in [int(x) for x in args.latencies.split(",")]:
            times = {}
            for packing in (False, True):
                root = os.path.join(work, f"root-{latency}-{packing}")
                os.makedirs(root)
                emulator = subprocess.Popen([os.path.join(build, "emulator", "fal-files-emulator"), "--root", root,
                                             "--port", "0", "--key", KEY, "--latency-ms", str(latency)],
                                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                url = re.search(r"(http://\S+)", emulator.stdout.readline()).group(1)
                env = dict(os.environ, XDG_DATA_HOME=os.path.join(work, "xdg"))
                if not packing:
                    env["FAL_FILES_NO_PACKING"] = "1"
                start = time.perf_counter()
                subprocess.run([os.path.join(build, "app", "fal-files-cli"), "--endpoint", url, "--key", KEY,
                                "--journal", os.path.join(work, f"j-{latency}-{packing}.sqlite"),
                                "upload", folder, "/data/"], check=True, env=env)
                times[packing] = time.perf_counter() - start
                stored = sum(len(files) for _, _, files in os.walk(os.path.join(root, "dataset")))
                emulator.terminate()
                emulator.wait()
                if stored != args.files:
                    raise SystemExit(f"only {stored} of {args.files} files arrived")
            print(f"{latency:>11} ms  {times[False]:>19.2f} s  {times[True]:>11.2f} s  {times[False] / times[True]:>7.1f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
